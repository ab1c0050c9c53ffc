package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.OutboundPolicy.Network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where calls may come in from: the trunk's address, the configured users' addresses, and the networks of
 * {@value #SETTING}. An INVITE from anywhere else is refused with 403 before it rings, is offered or costs a webhook
 * (SIP scanners find every open 5060 within hours).
 *
 * @param networks the networks allowed besides the trunk and the users
 */
public record InboundAllowList(List<Network> networks) {

    public static final String SETTING = "SWITCHBOARD_SIP_INBOUND_ALLOW";
    /** Loopback only, besides the trunk and the users. */
    public static final InboundAllowList DEFAULT = parse("127.0.0.0/8");

    public InboundAllowList {
        networks = List.copyOf(networks);
    }

    /**
     * Networks as {@code a.b.c.d/n} or single addresses, comma-separated ({@code 0.0.0.0/0}: anyone).
     *
     * @throws IllegalArgumentException naming {@value #SETTING} and the expected form
     */
    public static InboundAllowList parse(String value) {
        List<Network> networks = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                try {
                    networks.add(Network.parse(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(SETTING + ": " + e.getMessage());
                }
            }
        }
        return new InboundAllowList(networks);
    }

    /** This list with the addresses of the trunk and the users of {@code config} (IP literals; names are looked up). */
    InboundAllowList withPeersOf(SipConfig config) {
        List<Network> all = new ArrayList<>(networks);
        config.trunk().ifPresent(trunk -> all.addAll(addresses(trunk.host())));
        config.users().keySet().forEach(user -> all.addAll(addresses(config.userUri(user).host())));
        return new InboundAllowList(all);
    }

    /** Every address of a host (a carrier's name may have several), each as a network of one. */
    private static List<Network> addresses(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host))
                    .map(address -> new Network(address, address.getAddress().length * 8)).toList();
        } catch (UnknownHostException e) {
            return List.of(); // an unknown name lets nobody in; dialling it reports the failure
        }
    }

    /** Whether a request from {@code source} may start a call. */
    boolean admits(InetAddress source) {
        return networks.stream().anyMatch(network -> network.contains(source));
    }
}
