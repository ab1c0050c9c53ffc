package io.switchboard.adapter.sip;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code sip:} URI this adapter needs: {@code sip:[user[:password]@]host[:port][;transport=udp|tcp]}.
 *
 * @param port      the port, 5060 when the URI names none (RFC 3261 §19.1.2)
 * @param transport UDP when the URI names none (RFC 3261 §19.1.1)
 */
record SipUri(Optional<String> user, Optional<String> password, String host, int port, SipTransport transport) {

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
        if (value != null && value.trim().regionMatches(true, 0, "sips:", 0, 5)) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: a sip: URI, e.g. " + example
                    + "; TLS is not supported)");
        }
        Matcher m = FORM.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: " + example + ")");
        }
        int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(setting + ": " + value + " (expected: a port in 1-65535, e.g. "
                    + example + ")");
        }
        SipTransport transport = SipTransport.UDP;
        for (String param : m.group("params").split(";")) {
            if (param.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                transport = SipTransport.parse(setting, value, param.substring("transport=".length()));
            }
        }
        return new SipUri(Optional.ofNullable(m.group("user")), Optional.ofNullable(m.group("password")),
                m.group("host"), port, transport);
    }

    /**
     * The URI without credentials, with its transport unless UDP, e.g. {@code sip:alice@127.0.0.1:5062} or
     * {@code sip:alice@10.0.0.5:5062;transport=tcp}: how legs, redirects (302 Contact) and transfers (Refer-To) name
     * it.
     */
    @Override
    public String toString() {
        return "sip:" + user.map(u -> u + "@").orElse("") + host + ":" + port + transport.uriParameter();
    }
}
