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
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.message.Request;

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
        return await(message -> message.startsWith(method + " "), method, timeout);
    }

    /** The next response to a request of the given method (others skipped), waiting up to the timeout. */
    String awaitResponse(String method, Duration timeout) throws IOException {
        Pattern cseq = Pattern.compile("(?mi)^CSeq:\\s*\\d+\\s+" + method + "\\s*$");
        return await(message -> message.startsWith("SIP/2.0 ") && cseq.matcher(message).find(),
                "response to a " + method, timeout);
    }

    private String await(Predicate<String> wanted, String what, Duration timeout) throws IOException {
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
            if (wanted.test(message)) {
                switchboard = packet.getSocketAddress();
                return message;
            }
        }
        throw new AssertionError("no " + what + " within " + timeout);
    }

    /** The 200 OK for this INVITE: its dialog-forming headers, a To tag, a Contact and an SDP answer. */
    String ok(String invite, int rtpPort) {
        return ok(invite, rtpPort, "raw-peer");
    }

    /** As {@link #ok(String, int)}, from the phone a proxy's fork reached that tags the dialog {@code toTag}. */
    String ok(String invite, int rtpPort, String toTag) {
        String sdp = TestUserAgent.answerSdp(rtpPort);
        return "SIP/2.0 200 OK\r\n"
                + header(invite, "Via") + header(invite, "From")
                + header(invite, "To").replace("\r\n", ";tag=" + toTag + "\r\n")
                + header(invite, "Call-ID") + header(invite, "CSeq")
                + "Contact: <sip:" + toTag + "@127.0.0.1:" + port() + ">\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /**
     * Sends a 2xx as a phone does until it is acknowledged (RFC 3261 §13.3.1.4: again after 500 ms, then twice as long
     * each time up to 4 s), and returns the ACK of its dialog; ACKs of other dialogs are skipped.
     */
    String answerUntilAcknowledged(String ok, Duration timeout) throws IOException {
        String tag = toTag(ok);
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration interval = Duration.ofMillis(500);
        while (System.nanoTime() < deadline) {
            send(ok);
            long until = Math.min(deadline, System.nanoTime() + interval.toNanos());
            while (System.nanoTime() < until) {
                try {
                    String ack = await(Request.ACK, Duration.ofNanos(until - System.nanoTime()));
                    if (toTag(ack).equals(tag)) {
                        return ack;
                    }
                } catch (AssertionError none) {
                    break; // time to send the 2xx again
                }
            }
            interval = Collections.min(List.of(interval.multipliedBy(2), Duration.ofSeconds(4)));
        }
        throw new AssertionError("no ACK for To tag " + tag + " within " + timeout);
    }

    /** The phone's own BYE in the dialog its answer {@code ok} to {@code invite} made: it hangs up. */
    String bye(String invite, String ok) {
        Matcher contact = Pattern.compile("(?mi)^Contact:\\s*<([^>]+)>").matcher(invite);
        if (!contact.find()) {
            throw new AssertionError("no Contact in " + invite);
        }
        return "BYE " + contact.group(1) + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=z9hG4bK-raw-peer-bye-" + toTag(ok) + "\r\n"
                + "From:" + header(ok, "To").substring("To:".length())
                + "To:" + header(invite, "From").substring("From:".length())
                + header(invite, "Call-ID") + "CSeq: 1 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    /** The 200 OK for a request within a dialog (a BYE): its headers as they came, no body. */
    static String okWithin(String request) {
        return "SIP/2.0 200 OK\r\n" + header(request, "Via") + header(request, "From") + header(request, "To")
                + header(request, "Call-ID") + header(request, "CSeq") + "Content-Length: 0\r\n\r\n";
    }

    /** The tag of a message's To header. */
    static String toTag(String message) {
        Matcher m = Pattern.compile("(?mi)^To:.*;tag=([^;\\s]+)").matcher(message);
        if (!m.find()) {
            throw new AssertionError("no To tag in " + message);
        }
        return m.group(1);
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
