package io.switchboard.adapter.sip;

import java.util.Optional;

/**
 * The addresses a server behind NAT writes into its messages instead of the one it listens on: the public address
 * of SIP (Via sent-by, Contact, From of requests to users) and of media (SDP {@code c=} and {@code o=}). Requests we
 * send carry {@code ;rport} (RFC 3581), so that answers come back to the port the NAT opened.
 *
 * @param sip   the address in SIP headers; empty: the listening address
 * @param media the address in SDP; empty: {@code sip}'s, else the listening address
 */
public record Advertised(Optional<String> sip, Optional<String> media) {

    public static final String SIP = "SWITCHBOARD_SIP_PUBLIC_HOST";
    public static final String MEDIA = "SWITCHBOARD_RTP_PUBLIC_HOST";
    /** The listening address everywhere. */
    public static final Advertised NONE = new Advertised(Optional.empty(), Optional.empty());

    public Advertised {
        sip.ifPresent(address -> requireIpv4(SIP, address));
        media.ifPresent(address -> requireIpv4(MEDIA, address));
    }

    private static void requireIpv4(String setting, String address) {
        if (!address.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")
                || address.equals("0.0.0.0")) {
            throw new IllegalArgumentException(setting + ": " + address + " (expected: the public IPv4 address "
                    + "peers reach this server at, e.g. 203.0.113.10)");
        }
    }

    /** The address in SIP headers for a server listening on {@code host}. */
    String sipAddress(String host) {
        return sip.orElse(host);
    }

    /** The address in SDP for a server listening on {@code host}. */
    String mediaAddress(String host) {
        return media.or(() -> sip).orElse(host);
    }
}
