package io.switchboard.adapter.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Ports of 127.0.0.1 for a test's SIP peers and servers, which are given a port number before they bind it (JAIN-SIP's
 * listening points, SIPp, Kamailio, the server's settings). A port is free on both UDP and TCP when chosen, drawn at
 * random from {@value #LOWEST}-65535 outside Linux's ephemeral ports: above the server's default RTP range
 * (10000-29999), and out of reach of any socket bound to port 0 (an HTTP client's connection, an RTP peer) between its
 * choice and its use; two test runs side by side seldom draw the same one. Each port given is the first of a block of
 * {@value #BLOCK} free on UDP (SIPp's media port takes the three above it for its RTCP and video), and this JVM never
 * hands out a port of a block it gave before.
 */
public final class TestPorts {

    private static final int LOWEST = 30_000;
    private static final int ATTEMPTS = 1_000;
    private static final int BLOCK = 4;
    private static final int[] CANDIDATES = candidates();
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private TestPorts() {
    }

    /**
     * A port free on UDP and TCP of 127.0.0.1 now, the three above it free on UDP, none of them given before in this
     * JVM.
     */
    public static int freeUdpPort() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = CANDIDATES[ThreadLocalRandom.current().nextInt(CANDIDATES.length)];
            if (GIVEN.add(port) && free(port)) {
                return port;
            }
        }
        throw new IOException("no free block of " + BLOCK + " ports of " + CANDIDATES.length + " after " + ATTEMPTS
                + " draws");
    }

    private static boolean free(int first) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<DatagramSocket> held = new ArrayList<>();
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(loopback, first));
            for (int port = first; port < first + BLOCK; port++) {
                held.add(new DatagramSocket(new InetSocketAddress(loopback, port)));
            }
            return true;
        } catch (IOException taken) {
            return false; // in use by another process: draw again
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }

    /**
     * The first ports of the blocks from {@link #LOWEST} up that the kernel does not hand to sockets bound to port 0.
     */
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
        int[] ports = IntStream.rangeClosed(LOWEST, 65_535 - BLOCK + 1).filter(p -> p % BLOCK == 0)
                .filter(p -> p + BLOCK - 1 < low || p > high).toArray();
        if (ports.length < 500) {
            throw new IllegalStateException("the ephemeral ports " + low + "-" + high + " leave " + ports.length
                    + " blocks of " + BLOCK + " ports from " + LOWEST + " for tests (expected: at least 500)");
        }
        return ports;
    }
}
