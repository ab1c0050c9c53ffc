package io.switchboard.adapter.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * How the SIP adapter listens and routes.
 *
 * @param host               the IPv4 address to listen on, also written into Via, Contact and SDP {@code c=}
 * @param port               the port for SIP, on UDP and TCP alike
 * @param trunk              where legs to phone numbers go; without it phone numbers are unreachable
 * @param users              communication user raw ids ({@code 8:acs:...}) to the SIP URI that reaches them
 * @param defaultCallerId    the From user part when a dial request has no caller id
 * @param t1                 RFC 3261 T1 (retransmission base); Timer B and F are 64 × T1
 * @param maxRinging         incoming calls ringing at once (offered, not yet answered or refused): beyond, an INVITE
 *                           is refused with 503 and {@code Retry-After}, so that a flood of INVITEs costs little
 * @param tcp                how much SIP over TCP one remote party may hold
 * @param advertised         the public addresses written into SIP and SDP behind NAT, instead of {@code host}
 * @param inbound            where calls may come in from, besides the trunks and the users
 * @param otherTrunks        trunks 2 to {@value SipTrunk#MAX_TRUNKS}: a number goes to the trunk of its longest
 *                           matching prefix first (in this order among equals, {@code trunk} first), to the next on
 *                           a 5xx or no answer from it
 * @param raisedSignalling   whether the signalling thread asks Linux for a priority above ordinary threads
 *                           ({@value #PRIORITY}: {@code raised}, the default, or {@code normal})
 * @param sessionMinimum     the shortest session timer interval a peer may ask for, in seconds (RFC 4028
 *                           {@code Min-SE}): a shorter one is refused with 422 naming it. At least
 *                           {@value SessionTimers#RFC_MINIMUM} when read from the settings ({@value #MIN_SESSION});
 *                           shorter only in tests
 */
public record SipConfig(String host, int port, Optional<SipTrunk> trunk, Map<String, String> users,
                        String defaultCallerId, Duration t1, int maxRinging, TcpLimits tcp, Advertised advertised,
                        InboundAllowList inbound, List<SipTrunk> otherTrunks, boolean raisedSignalling,
                        int sessionMinimum) {

    public static final String HOST = "SWITCHBOARD_SIP_HOST";
    public static final String PORT = "SWITCHBOARD_SIP_PORT";
    public static final String TRUNK = SipTrunk.SETTING;
    public static final String USERS = "SWITCHBOARD_SIP_USERS";
    public static final String CALLER_ID = "SWITCHBOARD_SIP_CALLER_ID";
    public static final String T1 = "SWITCHBOARD_SIP_T1_MILLIS";
    public static final String MAX_RINGING = "SWITCHBOARD_SIP_MAX_RINGING";
    public static final String PRIORITY = "SWITCHBOARD_SIP_PRIORITY";
    public static final String MIN_SESSION = "SWITCHBOARD_SIP_MIN_SESSION_SECONDS";
    /** The longest session timer interval {@value #MIN_SESSION} may ask for: a day. */
    static final int MAX_SESSION_MINIMUM = 86_400;
    /** Enough for a large burst of real callers; each ringing call costs a transaction and an offer. */
    public static final int DEFAULT_MAX_RINGING = 1000;

    public SipConfig {
        Objects.requireNonNull(trunk, "trunk");
        otherTrunks = List.copyOf(otherTrunks);
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(advertised, "advertised");
        Objects.requireNonNull(inbound, "inbound");
        if (host == null || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException(HOST + ": " + host + " (expected: an IPv4 address, e.g. 127.0.0.1)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + ": " + port + " (expected: a port in 1-65535, e.g. 5060)");
        }
        users = Map.copyOf(users);
        users.forEach((rawId, uri) -> {
            if (!rawId.startsWith("8:")) {
                throw new IllegalArgumentException(USERS + ": " + rawId + " (expected: a communication user id 8:...)");
            }
            SipUri.parse(USERS, uri, "8:acs:...=sip:alice@127.0.0.1:5062");
        });
        requirePositive(T1, t1);
        if (maxRinging < 1 || maxRinging > 100_000) {
            throw new IllegalArgumentException(MAX_RINGING + ": " + maxRinging + " (expected: 1-100000, e.g. "
                    + DEFAULT_MAX_RINGING + ")");
        }
        if (defaultCallerId == null || !defaultCallerId.matches("[A-Za-z0-9+._\\-]+")) {
            throw new IllegalArgumentException(CALLER_ID + ": " + defaultCallerId
                    + " (expected: a SIP user part, e.g. +14255550100 or switchboard)");
        }
        if (sessionMinimum < 1 || sessionMinimum > MAX_SESSION_MINIMUM) {
            throw new IllegalArgumentException(MIN_SESSION + ": " + sessionMinimum + " (expected: seconds in "
                    + SessionTimers.RFC_MINIMUM + "-" + MAX_SESSION_MINIMUM + ", e.g. " + SessionTimers.RFC_MINIMUM
                    + ")");
        }
    }

    /** With at most {@value #DEFAULT_MAX_RINGING} incoming calls ringing at once. */
    public SipConfig(String host, int port, Optional<SipTrunk> trunk, Map<String, String> users,
                     String defaultCallerId, Duration t1) {
        this(host, port, trunk, users, defaultCallerId, t1, DEFAULT_MAX_RINGING, TcpLimits.defaults(),
                Advertised.NONE, InboundAllowList.DEFAULT, List.of(), true, SessionTimers.RFC_MINIMUM);
    }

    /** Every trunk, the first first. */
    public List<SipTrunk> trunks() {
        List<SipTrunk> all = new ArrayList<>();
        trunk.ifPresent(all::add);
        all.addAll(otherTrunks);
        return all;
    }

    /** This configuration with trunks 2 and on. */
    public SipConfig withOtherTrunks(List<SipTrunk> others) {
        return new SipConfig(host, port, trunk, users, defaultCallerId, t1, maxRinging, tcp, advertised, inbound,
                others, raisedSignalling, sessionMinimum);
    }

    /** Listens on 127.0.0.1:5060, no trunk, no users, T1 500 ms. */
    public static SipConfig defaults() {
        return new SipConfig("127.0.0.1", 5060, Optional.empty(), Map.of(), "switchboard", Duration.ofMillis(500));
    }

    /** This configuration with another cap on incoming calls ringing at once. */
    public SipConfig withMaxRinging(int max) {
        return new SipConfig(host, port, trunk, users, defaultCallerId, t1, max, tcp, advertised, inbound,
                otherTrunks, raisedSignalling, sessionMinimum);
    }

    /** This configuration with other limits on SIP over TCP. */
    public SipConfig withTcp(TcpLimits limits) {
        return new SipConfig(host, port, trunk, users, defaultCallerId, t1, maxRinging, limits, advertised,
                inbound, otherTrunks, raisedSignalling, sessionMinimum);
    }

    /** This configuration with other public addresses. */
    public SipConfig withAdvertised(Advertised addresses) {
        return new SipConfig(host, port, trunk, users, defaultCallerId, t1, maxRinging, tcp, addresses, inbound,
                otherTrunks, raisedSignalling, sessionMinimum);
    }

    /** This configuration with other networks calls may come in from. */
    public SipConfig withInbound(InboundAllowList allowed) {
        return new SipConfig(host, port, trunk, users, defaultCallerId, t1, maxRinging, tcp, advertised, allowed,
                otherTrunks, raisedSignalling, sessionMinimum);
    }

    /** This configuration with another shortest session timer interval a peer may ask for (tests go below 90 s). */
    public SipConfig withSessionMinimum(int seconds) {
        return new SipConfig(host, port, trunk, users, defaultCallerId, t1, maxRinging, tcp, advertised, inbound,
                otherTrunks, raisedSignalling, seconds);
    }

    /**
     * Reads the settings by their names (e.g. the environment); absent or blank ones keep their
     * {@linkplain #defaults() default}. {@value #USERS} is {@code 8:acs:...=sip:alice@127.0.0.1:5062,...}.
     *
     * @throws IllegalArgumentException naming the first bad setting and the form it expects
     */
    public static SipConfig parse(Map<String, String> settings) {
        SipConfig d = defaults();
        return new SipConfig(
                value(settings, HOST).orElse(d.host()),
                value(settings, PORT).map(v -> integer(PORT, v, "5060")).orElse(d.port()),
                trunk(settings, "1"),
                value(settings, USERS).map(SipConfig::parseUsers).orElse(d.users()),
                value(settings, CALLER_ID).orElse(d.defaultCallerId()),
                value(settings, T1).map(v -> Duration.ofMillis(integer(T1, v, "500"))).orElse(d.t1()),
                value(settings, MAX_RINGING).map(v -> integer(MAX_RINGING, v, "1000")).orElse(d.maxRinging()),
                new TcpLimits(
                        value(settings, TcpLimits.PER_ADDRESS).map(v -> integer(TcpLimits.PER_ADDRESS, v, "32"))
                                .orElse(d.tcp().perAddress()),
                        value(settings, TcpLimits.IDLE).map(v -> Duration.ofSeconds(integer(TcpLimits.IDLE, v, "120")))
                                .orElse(d.tcp().idle())),
                new Advertised(value(settings, Advertised.SIP), value(settings, Advertised.MEDIA)),
                value(settings, InboundAllowList.SETTING).map(InboundAllowList::parse).orElse(d.inbound()),
                IntStream.rangeClosed(2, SipTrunk.MAX_TRUNKS).mapToObj(n -> trunk(settings, String.valueOf(n)))
                        .flatMap(Optional::stream).toList(),
                value(settings, PRIORITY).map(SipConfig::raised).orElse(d.raisedSignalling()),
                value(settings, MIN_SESSION).map(SipConfig::sessionMinimum).orElse(d.sessionMinimum()));
    }

    private static int sessionMinimum(String value) {
        int seconds = integer(MIN_SESSION, value, String.valueOf(SessionTimers.RFC_MINIMUM));
        if (seconds < SessionTimers.RFC_MINIMUM) {
            // RFC 4028 §4: no session interval below 90 s, lest refreshes flood the network
            throw new IllegalArgumentException(MIN_SESSION + ": " + seconds + " (expected: seconds in "
                    + SessionTimers.RFC_MINIMUM + "-" + MAX_SESSION_MINIMUM + ", e.g. 1800)");
        }
        return seconds;
    }

    private static boolean raised(String priority) {
        return switch (priority) {
            case "raised" -> true;
            case "normal" -> false;
            default -> throw new IllegalArgumentException(PRIORITY + ": " + priority + " (expected: raised or normal)");
        };
    }

    /** Trunk {@code n} and its limits, registration and prefixes, from its settings ({@link SipTrunk#setting}). */
    private static Optional<SipTrunk> trunk(Map<String, String> settings, String n) {
        try {
            return trunkOf(settings, n);
        } catch (IllegalArgumentException e) {
            // the limits and registration name trunk 1's settings in their errors
            throw n.equals("1") ? e : new IllegalArgumentException(e.getMessage().replaceFirst("^" + TRUNK + "_(?!\\d)",
                    TRUNK + "_" + n + "_"), e);
        }
    }

    private static Optional<SipTrunk> trunkOf(Map<String, String> settings, String n) {
        String maxCalls = SipTrunk.setting(TrunkLimits.MAX_CALLS, n);
        String perSecond = SipTrunk.setting(TrunkLimits.PER_SECOND, n);
        String register = SipTrunk.setting(SipTrunk.REGISTER, n);
        String options = SipTrunk.setting(SipTrunk.OPTIONS, n);
        return value(settings, SipTrunk.setting(TRUNK, n)).map(uri -> SipTrunk.parse(SipTrunk.setting(TRUNK, n), uri)
                .withLimits(new TrunkLimits(
                        value(settings, maxCalls).map(v -> integer(maxCalls, v, "30")).orElse(0),
                        value(settings, perSecond).map(v -> integer(perSecond, v, "10")).orElse(0)))
                .withRegistration(value(settings, register).map(v -> Duration.ofSeconds(integer(register, v, "600")))
                        .orElse(Duration.ZERO))
                .withOptions(value(settings, options).map(v -> Duration.ofSeconds(integer(options, v, "30")))
                        .orElse(Duration.ZERO))
                .as(n, value(settings, SipTrunk.setting(SipTrunk.PREFIXES, n))
                        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList())
                        .orElse(List.of())));
    }

    /** Every setting a trunk may have, for trunks 1 to {@value SipTrunk#MAX_TRUNKS}. */
    public static List<String> trunkSettings() {
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= SipTrunk.MAX_TRUNKS; n++) {
            for (String base : List.of(TRUNK, TrunkLimits.MAX_CALLS, TrunkLimits.PER_SECOND, SipTrunk.REGISTER,
                    SipTrunk.PREFIXES, SipTrunk.OPTIONS)) {
                names.add(SipTrunk.setting(base, String.valueOf(n)));
            }
        }
        return names;
    }

    private static Map<String, String> parseUsers(String value) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            if (entry.isBlank()) {
                continue;
            }
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(USERS + ": " + entry.trim()
                        + " (expected: comma-separated 8:acs:...=sip:alice@127.0.0.1:5062)");
            }
            users.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return users;
    }

    private static Optional<String> value(Map<String, String> settings, String name) {
        return Optional.ofNullable(settings.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int integer(String setting, String value, String example) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: an integer, e.g. " + example + ")");
        }
    }

    private static void requirePositive(String setting, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(setting + ": " + (value == null ? null : value.toMillis())
                    + " (expected: a whole number of milliseconds > 0)");
        }
    }

    SipUri userUri(String rawId) {
        return SipUri.parse(USERS, users.get(rawId), "sip:alice@127.0.0.1:5062");
    }
}
