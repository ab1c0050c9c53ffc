package io.switchboard.adapter.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP peer written with plain datagrams, for what a stack-based UA will not do on purpose: answer the way a lossy
 * network makes a peer answer (a 200 sent again after the ACK). Serves one INVITE.
 */
final class RawSipPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private SocketAddress switchboard;

    RawSipPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next request of the given method (others skipped), waiting up to the timeout. */
    String await(String method, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (message.startsWith(method + " ")) {
                switchboard = packet.getSocketAddress();
                return message;
            }
        }
        throw new AssertionError("no " + method + " within " + timeout);
    }

    /** The 200 OK for this INVITE: its dialog-forming headers, a To tag, a Contact and an SDP answer. */
    String ok(String invite, int rtpPort) {
        String sdp = TestUserAgent.answerSdp(rtpPort);
        return "SIP/2.0 200 OK\r\n"
                + header(invite, "Via") + header(invite, "From")
                + header(invite, "To").replace("\r\n", ";tag=raw-peer\r\n")
                + header(invite, "Call-ID") + header(invite, "CSeq")
                + "Contact: <sip:peer@127.0.0.1:" + port() + ">\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, switchboard));
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?mi)^" + name + ":.*$").matcher(message);
        if (!m.find()) {
            throw new AssertionError("no " + name + " header in " + message);
        }
        return m.group().strip() + "\r\n";
    }

    @Override
    public void close() {
        socket.close();
    }
}
