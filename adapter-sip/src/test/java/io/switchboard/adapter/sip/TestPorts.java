package io.switchboard.adapter.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Ports of 127.0.0.1 for a test's SIP peers and servers, which are given a port number before they bind it (JAIN-SIP's
 * listening points, SIPp, Kamailio, the server's settings). A port is free on both UDP and TCP when chosen, drawn at
 * random from {@value #LOWEST}-65535 outside Linux's ephemeral ports: above the server's default RTP range
 * (10000-29999), and out of reach of any socket bound to port 0 (an HTTP client's connection, an RTP peer) between its
 * choice and its use; two test runs side by side seldom draw the same one. This JVM never hands out a port twice.
 */
public final class TestPorts {

    private static final int LOWEST = 30_000;
    private static final int ATTEMPTS = 1_000;
    private static final int[] CANDIDATES = candidates();
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private TestPorts() {
    }

    /** A port free on UDP and TCP of 127.0.0.1 now, not given before in this JVM. */
    public static int freeUdpPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = CANDIDATES[ThreadLocalRandom.current().nextInt(CANDIDATES.length)];
            if (!GIVEN.add(port)) {
                continue;
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(loopback, port));
                return port;
            } catch (IOException taken) {
                // in use by another process: draw again
            }
        }
        throw new IOException("no free port of " + CANDIDATES.length + " after " + ATTEMPTS + " draws");
    }

    /** The ports from {@link #LOWEST} up that the kernel does not hand to sockets bound to port 0. */
    private static int[] candidates() {
        int[] ephemeral = {32_768, 60_999};
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            ephemeral = new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException notLinux) {
            // Linux's default range
        }
        int low = ephemeral[0];
        int high = ephemeral[1];
        int[] ports = IntStream.rangeClosed(LOWEST, 65_535).filter(p -> p < low || p > high).toArray();
        if (ports.length < 1_000) {
            throw new IllegalStateException("the ephemeral ports " + low + "-" + high + " leave " + ports.length
                    + " ports from " + LOWEST + " for tests (expected: at least 1000)");
        }
        return ports;
    }
}
