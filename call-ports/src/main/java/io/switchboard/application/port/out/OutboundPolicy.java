package io.switchboard.application.port.out;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which addresses the server may send requests to on behalf of an API caller (audio files it fetches, callbacks it
 * posts): public addresses, and of the others (loopback, private ranges, link-local and cloud-metadata addresses,
 * "this host", multicast) only those in {@code allowed}. Checked on the addresses a host name resolves to, every one
 * of them, so that a name cannot point a request at an address the policy refuses. Immutable, thread-safe.
 *
 * @param allowed the networks allowed although they are not public, e.g. {@code 127.0.0.0/8} for local development
 */
public record OutboundPolicy(List<Network> allowed) {

    /** Loopback only: what the README's local flows need. */
    public static final OutboundPolicy LOOPBACK = of("127.0.0.0/8,::1");

    public OutboundPolicy {
        allowed = List.copyOf(allowed);
    }

    /**
     * Networks given as {@code a.b.c.d/n}, IPv6 {@code x::y/n} or single addresses, comma-separated; empty allows
     * public addresses only.
     *
     * @throws IllegalArgumentException naming the entry that is not a network
     */
    public static OutboundPolicy of(String networks) {
        List<Network> parsed = new ArrayList<>();
        for (String entry : networks.split(",")) {
            if (!entry.isBlank()) {
                parsed.add(Network.parse(entry.trim()));
            }
        }
        return new OutboundPolicy(parsed);
    }

    /** Why requests to {@code address} are refused, if they are. */
    public Optional<String> refusal(InetAddress address) {
        Optional<String> kind = special(address);
        if (kind.isEmpty() || allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return Optional.of(address.getHostAddress() + " is " + kind.get() + ", which this server does not send "
                + "requests to (SWITCHBOARD_OUTBOUND_ALLOW)");
    }

    /** Why requests to a host with these addresses are refused: the first address refused, if any. */
    public Optional<String> refusal(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> special(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("this host's any-address");
        }
        if (address.isLinkLocalAddress() || isMetadata(address)) {
            return Optional.of("a link-local or cloud metadata address");
        }
        if (address.isSiteLocalAddress() || address instanceof Inet6Address && (bytes[0] & 0xFE) == 0xFC) {
            return Optional.of("a private address");
        }
        if (bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        return Optional.empty();
    }

    /** AWS's IPv6 metadata address; the IPv4 one (169.254.169.254) is link-local. */
    private static boolean isMetadata(InetAddress address) {
        return address instanceof Inet6Address && address.getHostAddress().startsWith("fd00:ec2:");
    }

    /** An address range, {@code prefix} bits fixed. */
    public record Network(InetAddress base, int prefix) {

        public Network {
            Objects.requireNonNull(base, "base");
            if (prefix < 0 || prefix > base.getAddress().length * 8) {
                throw new IllegalArgumentException("prefix: " + prefix);
            }
        }

        /**
         * A network as {@code a.b.c.d/n}, IPv6 {@code x::y/n} or a single address (literals only: no lookup).
         *
         * @throws IllegalArgumentException quoting the text and the expected form
         */
        public static Network parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new UnknownHostException(parts[0]);
                }
                InetAddress base = InetAddress.getByName(parts[0]); // a literal: no lookup
                int prefix = parts.length == 1 ? base.getAddress().length * 8 : Integer.parseInt(parts[1]);
                return new Network(base, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException(text + " (expected: a network such as 10.0.0.0/8 or fd00::/8, "
                        + "or an address)");
            }
        }

        /** Whether {@code address} is in this network (never across IPv4 and IPv6). */
        public boolean contains(InetAddress address) {
            byte[] mine = base.getAddress();
            byte[] theirs = address.getAddress();
            if (mine.length != theirs.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < mine.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((mine[i] & mask) != (theirs[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
