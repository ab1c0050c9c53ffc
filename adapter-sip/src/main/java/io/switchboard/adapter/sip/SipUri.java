package io.switchboard.adapter.sip;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code sip:} URI this adapter needs: {@code sip:[user[:password]@]host[:port][;transport=udp]}.
 *
 * @param port the port, 5060 when the URI names none (RFC 3261 §19.1.2)
 */
record SipUri(Optional<String> user, Optional<String> password, String host, int port, String transport) {

    static final int DEFAULT_PORT = 5060;
    private static final Pattern FORM = Pattern.compile(
            "sip:(?:(?<user>[^:@;]+)(?::(?<password>[^@;]*))?@)?(?<host>[A-Za-z0-9.\\-]+)(?::(?<port>\\d{1,5}))?"
                    + "(?<params>(?:;[^;=]+(?:=[^;]*)?)*)");

    SipUri {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * Parses a URI; {@code setting} names the configuration entry it came from, for the error message.
     *
     * @throws IllegalArgumentException naming the setting and the expected form
     */
    static SipUri parse(String setting, String value, String example) {
        Matcher m = FORM.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: " + example + ")");
        }
        int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: a port in 1-65535, e.g. "
                    + example + ")");
        }
        String transport = "udp";
        for (String param : m.group("params").split(";")) {
            if (param.toLowerCase().startsWith("transport=")) {
                transport = param.substring("transport=".length()).toLowerCase();
            }
        }
        if (!transport.equals("udp")) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: transport=udp, the only one "
                    + "supported)");
        }
        return new SipUri(Optional.ofNullable(m.group("user")), Optional.ofNullable(m.group("password")),
                m.group("host"), port, transport);
    }

    /** The URI without credentials, e.g. {@code sip:alice@127.0.0.1:5062}. */
    @Override
    public String toString() {
        return "sip:" + user.map(u -> u + "@").orElse("") + host + ":" + port;
    }
}
