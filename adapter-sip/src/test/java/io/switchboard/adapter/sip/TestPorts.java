package io.switchboard.adapter.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports of 127.0.0.1 for a test's SIP peers and servers, which are given a port number before they bind it (JAIN-SIP's
 * listening points, SIPp, Kamailio, the server's settings). A port is free on both UDP and TCP when chosen, drawn at
 * random from {@value #LOWEST}-{@value #HIGHEST}: below the default RTP range and Linux's ephemeral ports, so that no
 * socket bound to port 0 (an HTTP client's connection, an RTP peer) takes it before it is used, and two test runs side
 * by side seldom draw the same one. This JVM never hands out a port twice.
 */
public final class TestPorts {

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 19_999;
    private static final int ATTEMPTS = 1_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private TestPorts() {
    }

    /** A port free on UDP and TCP of 127.0.0.1 now, not given before in this JVM. */
    public static int freeUdpPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
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
        throw new IOException("no free port in " + LOWEST + "-" + HIGHEST + " after " + ATTEMPTS + " draws");
    }
}
