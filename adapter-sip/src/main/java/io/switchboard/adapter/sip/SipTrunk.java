package io.switchboard.adapter.sip;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SIP trunk that carries calls to phone numbers: the next hop of every PSTN leg, and the credentials used to
 * answer its digest challenges (RFC 2617 via RFC 3261 §22).
 *
 * @param username  present when the trunk challenges (its password then too)
 * @param transport how to reach it: {@code ;transport=tcp} in the setting selects TCP, else UDP
 * @param limits    the calls at once and per second the carrier takes
 * @param register  the expiry asked for when the server registers with the trunk ({@value #REGISTER}); zero: it
 *                  does not register
 * @param name      how logs and settings name it: {@code 1} for {@value #SETTING}, {@code N} for
 *                  {@code SWITCHBOARD_SIP_TRUNK_N}
 * @param prefixes  the numbers it carries, by E.164 prefix (e.g. {@code +44}); empty: every number
 * @param options   how often the server asks the trunk whether it is there (OPTIONS, {@value #OPTIONS}); zero:
 *                  never
 */
public record SipTrunk(String host, int port, Optional<String> username, Optional<String> password,
                       SipTransport transport, TrunkLimits limits, Duration register, String name,
                       List<String> prefixes, Duration options) {

    public static final String REGISTER = "SWITCHBOARD_SIP_TRUNK_REGISTER_SECONDS";
    public static final String OPTIONS = "SWITCHBOARD_SIP_TRUNK_OPTIONS_SECONDS";
    public static final String PREFIXES = "SWITCHBOARD_SIP_TRUNK_PREFIXES";
    /** The most trunks: {@value #SETTING}, then {@code SWITCHBOARD_SIP_TRUNK_2} to {@code _9}. */
    public static final int MAX_TRUNKS = 9;

    static final String SETTING = "SWITCHBOARD_SIP_TRUNK";
    private static final String EXAMPLE = "sip:127.0.0.1:5080 or sip:user:password@host:port;transport=tcp";

    public SipTrunk {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(limits, "limits");
        if (register == null || register.isNegative() || register.toSeconds() > 86_400) {
            throw new IllegalArgumentException(REGISTER + ": " + (register == null ? null : register.toSeconds())
                    + " (expected: 0 not to register, or the expiry to ask for in seconds, e.g. 600)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("trunk.port: " + port + " (expected: 1-65535)");
        }
        Objects.requireNonNull(name, "name");
        if (options == null || options.isNegative() || options.toSeconds() > 3_600) {
            throw new IllegalArgumentException(setting(OPTIONS, name) + ": " + (options == null ? null
                    : options.toSeconds()) + " (expected: 0 not to ask, or the seconds between OPTIONS up to 3600, "
                    + "e.g. 30)");
        }
        prefixes = List.copyOf(prefixes);
        for (String prefix : prefixes) {
            if (!prefix.matches("\\+\\d{1,14}")) {
                throw new IllegalArgumentException(setting(PREFIXES, name) + ": " + prefix
                        + " (expected: comma-separated E.164 prefixes, e.g. +1,+44)");
            }
        }
    }

    /**
     * The name of a trunk's setting: {@code base} (e.g. {@value #REGISTER}) for trunk 1, with
     * {@code SWITCHBOARD_SIP_TRUNK_N} in place of {@code SWITCHBOARD_SIP_TRUNK} for trunk N.
     */
    public static String setting(String base, String trunk) {
        return trunk.equals("1") ? base : SETTING + "_" + trunk + base.substring(SETTING.length());
    }

    /** How long a prefix of {@code number} this trunk carries: 0 for a trunk of every number, -1 if not carried. */
    int match(String number) {
        if (prefixes.isEmpty()) {
            return 0;
        }
        return prefixes.stream().filter(number::startsWith).mapToInt(String::length).max().orElse(-1);
    }

    /** A trunk without limits. */
    public SipTrunk(String host, int port, Optional<String> username, Optional<String> password,
                    SipTransport transport) {
        this(host, port, username, password, transport, TrunkLimits.NONE, Duration.ZERO, "1", List.of(), Duration.ZERO);
    }

    /** This trunk with other limits. */
    public SipTrunk withLimits(TrunkLimits next) {
        return new SipTrunk(host, port, username, password, transport, next, register, name, prefixes, options);
    }

    /** This trunk registered to with this expiry (zero: not registered to). */
    public SipTrunk withRegistration(Duration expiry) {
        return new SipTrunk(host, port, username, password, transport, limits, expiry, name, prefixes, options);
    }

    /** This trunk as trunk {@code n} of the configuration, carrying the numbers of these prefixes (none: all). */
    public SipTrunk as(String n, List<String> numberPrefixes) {
        return new SipTrunk(host, port, username, password, transport, limits, register, n, numberPrefixes,
                options);
    }

    /** This trunk asked whether it is there every {@code interval} (zero: never). */
    public SipTrunk withOptions(Duration interval) {
        return new SipTrunk(host, port, username, password, transport, limits, register, name, prefixes, interval);
    }

    /**
     * Parses {@code sip:host[:port]} or {@code sip:user:password@host:port;transport=udp|tcp}.
     *
     * @throws IllegalArgumentException naming {@value SETTING} and the expected form; for TLS too
     */
    public static SipTrunk parse(String value) {
        return parse(SETTING, value);
    }

    /** As {@link #parse(String)}, naming {@code setting} in errors. */
    public static SipTrunk parse(String setting, String value) {
        SipUri uri = SipUri.parse(setting, value, EXAMPLE);
        if (uri.user().isPresent() != uri.password().isPresent()) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: both user and password, e.g. "
                    + "sip:user:password@host:port, or neither)");
        }
        return new SipTrunk(uri.host(), uri.port(), uri.user(), uri.password(), uri.transport());
    }

    boolean hasCredentials() {
        return username.isPresent() && password.isPresent();
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "sip:" + username.map(u -> u + ":***@").orElse("") + host + ":" + port + transport.uriParameter();
    }
}
