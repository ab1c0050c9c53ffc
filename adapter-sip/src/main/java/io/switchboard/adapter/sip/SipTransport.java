package io.switchboard.adapter.sip;

import java.util.Locale;

/**
 * The transports this adapter speaks SIP over (RFC 3261 §18). TLS ({@code sips:}, {@code transport=tls}) is not
 * supported.
 */
public enum SipTransport {
    UDP,
    TCP;

    /**
     * The transport a {@code transport=} URI parameter names.
     *
     * @throws IllegalArgumentException naming the setting and value, for TLS and any unknown transport
     */
    static SipTransport parse(String setting, String value, String transport) {
        return switch (transport.toLowerCase(Locale.ROOT)) {
            case "udp" -> UDP;
            case "tcp" -> TCP;
            case "tls" -> throw new IllegalArgumentException(setting + ": " + value
                    + " (expected: transport=udp or transport=tcp; TLS is not supported)");
            default -> throw new IllegalArgumentException(setting + ": " + value
                    + " (expected: transport=udp or transport=tcp)");
        };
    }

    /** The transport a Via header names, e.g. {@code TCP}; UDP for anything else (JAIN-SIP only gives us these). */
    static SipTransport ofVia(String viaTransport) {
        return "TCP".equalsIgnoreCase(viaTransport) ? TCP : UDP;
    }

    /** As in a Via header and JAIN-SIP's listening points: {@code udp}, {@code tcp}. */
    String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The URI parameter that selects this transport: none for UDP, the default (RFC 3261 §19.1.1). */
    String uriParameter() {
        return this == UDP ? "" : ";transport=" + token();
    }
}
