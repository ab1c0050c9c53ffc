package io.switchboard.adapter.sip;

import gov.nist.javax.sip.stack.UDPMessageProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one remote party may hold of SIP over TCP: its share of connections per address, how long a connection may
 * stay silent, and what a connection costs (no thread of its own). Real sockets from 127.0.0.1 and 127.0.0.2 against the adapter's TCP port. And the UDP listening
 * point's receive buffer, which must hold a burst.
 */
class SipTcpLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private final List<Probe> probes = new ArrayList<>();
    private SipTelephony telephony;
    private int port;

    @AfterEach
    void stop() throws IOException {
        for (Probe probe : probes) {
            probe.socket.close();
        }
        if (telephony != null) {
            telephony.close();
        }
        media.close();
    }

    private void start(TcpLimits limits) throws IOException {
        port = freeUdpPort();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", port, Optional.empty(), Map.of(), "switchboard",
                Duration.ofMillis(50)).withTcp(limits), media.engine, events, incoming);
    }

    @Test
    void asksTheKernelForAUdpReceiveBufferThatHoldsABurstAndReadsDatagramsIntoSmallBuffers() throws Exception {
        // when
        start(TcpLimits.defaults());

        // then: what the kernel granted (it doubles the ask, capped at net.core.rmem_max), and the buffer JAIN-SIP's
        // UDP reader allocates for every datagram (a private field: no getter tells it)
        long cap = Long.parseLong(Files.readString(Path.of("/proc/sys/net/core/rmem_max")).trim());
        assertThat(telephony.udpReceiveBufferBytes())
                .isGreaterThanOrEqualTo((int) Math.min(SipEndpoint.UDP_BUFFER_BYTES, cap));
        Field readBuffer = UDPMessageProcessor.class.getDeclaredField("maxMessageSize");
        readBuffer.setAccessible(true);
        assertThat(readBuffer.getInt(telephony.processor("udp"))).isEqualTo(MessageProcessors.READER_BYTES);
    }

    @Test
    void answersAUdpRequestOfThirtyKilobytes() throws Exception {
        // given
        start(TcpLimits.defaults());

        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            probe.setSoTimeout(10_000);
            String via = "127.0.0.1:" + probe.getLocalPort();
            String request = "OPTIONS sip:switchboard@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK-large\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:switchboard@127.0.0.1>\r\nCall-ID: large@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\nX-Padding: " + "a".repeat(30_000) + "\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);

            // when: one datagram, larger than any read buffer JAIN-SIP's reader was given before
            probe.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));

            // then: taken whole and answered
            DatagramPacket answer = new DatagramPacket(new byte[65_535], 65_535);
            probe.receive(answer);
            assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII))
                    .startsWith("SIP/2.0 200");
        }
    }

    @Test
    void closesAConnectionFromAnAddressThatHoldsItsShareAndGivesTheShareBackOnClose() throws Exception {
        // given: two connections per address
        start(new TcpLimits(2, Duration.ofSeconds(120)));
        Probe first = connect("127.0.0.1");
        Probe second = connect("127.0.0.1");
        assertThat(first.options()).startsWith("SIP/2.0 200");
        assertThat(second.options()).startsWith("SIP/2.0 200");

        // when: a third from the same address, and one from another address
        Probe third = connect("127.0.0.1");
        Probe elsewhere = connect("127.0.0.2");

        // then: the third is closed unheard, the other address has a share of its own
        assertThat(third.closedByServer()).isTrue();
        assertThat(elsewhere.options()).startsWith("SIP/2.0 200");
        assertThat(first.options()).startsWith("SIP/2.0 200");
        assertThat(telephony.tcpConnectionsRefused()).isEqualTo(1);
        assertThat(telephony.tcpConnections()).isEqualTo(3);

        // and when the first goes, its place is free again
        first.socket.close();
        await().atMost(WAIT).until(() -> telephony.tcpConnections() == 2);
        assertThat(connect("127.0.0.1").options()).startsWith("SIP/2.0 200");
        assertThat(telephony.tcpConnectionsRefused()).isEqualTo(1);
    }

    @Test
    void closesAConnectionOnWhichNothingArrivesForTheIdleTimeButNotOneInUse() throws Exception {
        // given: connections closed after 2 s of silence
        start(new TcpLimits(32, Duration.ofSeconds(2)));
        Probe silent = connect("127.0.0.1");
        Probe talking = connect("127.0.0.1");
        assertThat(silent.options()).startsWith("SIP/2.0 200");
        long opened = System.nanoTime();

        // when: one asks something every 400 ms for 3 s, the other says nothing more
        for (int i = 0; i < 8; i++) {
            assertThat(talking.options()).startsWith("SIP/2.0 200");
            TimeUnit.MILLISECONDS.sleep(400); // the traffic under test, not a wait for a condition
        }

        // then: the silent one is closed, not before its 2 s, and the talking one still answers
        assertThat(silent.closedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(talking.options()).startsWith("SIP/2.0 200");
        await().atMost(WAIT).until(() -> telephony.tcpConnections() == 1);
    }

    @Test
    void holdsManyConnectionsOnOneThreadAndStillAnswersOnEach() throws Exception {
        // given
        start(new TcpLimits(200, Duration.ofSeconds(120)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();

        // when: 200 connections from one address, each asking once
        List<Probe> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            held.add(connect("127.0.0.1"));
        }
        await().atMost(WAIT).until(() -> telephony.tcpConnections() == 200);

        // then: no thread per connection (JAIN-SIP's blocking transport took two each), and every one answers
        assertThat(threads.getThreadCount() - before).isLessThan(10);
        for (Probe probe : held) {
            assertThat(probe.options()).startsWith("SIP/2.0 200");
        }
        assertThat(threads.getThreadCount() - before).isLessThan(10);
    }

    private Probe connect(String from) throws IOException {
        Socket socket = new Socket();
        probes.add(new Probe(socket));
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
        socket.setSoTimeout((int) WAIT.toMillis());
        return probes.get(probes.size() - 1);
    }

    /** A TCP connection to the adapter that asks OPTIONS and reads the answers. */
    private final class Probe {

        final Socket socket;
        private BufferedReader reader;
        private int sent;

        Probe(Socket socket) {
            this.socket = socket;
        }

        /** Asks OPTIONS over this connection and returns the status line of the answer. */
        String options() throws IOException {
            sent++;
            String id = socket.getLocalAddress().getHostAddress() + "-" + socket.getLocalPort() + "-" + sent;
            String request = "OPTIONS sip:switchboard@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP " + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort()
                    + ";branch=z9hG4bK-" + id + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=" + sent + "\r\n"
                    + "To: <sip:switchboard@127.0.0.1>\r\nCall-ID: " + id + "@127.0.0.1\r\n"
                    + "CSeq: " + sent + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            }
            String status = reader.readLine();
            int body = 0;
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    body = Integer.parseInt(line.substring(15).trim());
                }
            }
            reader.skip(body);
            return String.valueOf(status);
        }

        /**
         * Whether the server closed this connection (within {@link #WAIT}), rather than leaving it open; CR and LF
         * (keep-alives, RFC 5626 §3.5.1) may come first.
         */
        boolean closedByServer() throws IOException {
            try {
                int read = socket.getInputStream().read();
                while (read == '\r' || read == '\n') {
                    read = socket.getInputStream().read();
                }
                return read == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset
            }
        }
    }
}
