package io.switchboard.adapter.sip;

import java.time.Duration;
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
 */
public record SipTrunk(String host, int port, Optional<String> username, Optional<String> password,
                       SipTransport transport, TrunkLimits limits, Duration register) {

    public static final String REGISTER = "SWITCHBOARD_SIP_TRUNK_REGISTER_SECONDS";

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
    }

    /** A trunk without limits. */
    public SipTrunk(String host, int port, Optional<String> username, Optional<String> password,
                    SipTransport transport) {
        this(host, port, username, password, transport, TrunkLimits.NONE, Duration.ZERO);
    }

    /** This trunk with other limits. */
    public SipTrunk withLimits(TrunkLimits next) {
        return new SipTrunk(host, port, username, password, transport, next, register);
    }

    /** This trunk registered to with this expiry (zero: not registered to). */
    public SipTrunk withRegistration(Duration expiry) {
        return new SipTrunk(host, port, username, password, transport, limits, expiry);
    }

    /**
     * Parses {@code sip:host[:port]} or {@code sip:user:password@host:port;transport=udp|tcp}.
     *
     * @throws IllegalArgumentException naming {@value SETTING} and the expected form; for TLS too
     */
    public static SipTrunk parse(String value) {
        SipUri uri = SipUri.parse(SETTING, value, EXAMPLE);
        if (uri.user().isPresent() != uri.password().isPresent()) {
            throw new IllegalArgumentException(SETTING + ": " + value + " (expected: both user and password, e.g. "
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
