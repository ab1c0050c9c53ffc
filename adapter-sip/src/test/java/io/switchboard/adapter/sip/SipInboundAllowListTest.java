package io.switchboard.adapter.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls come in only from allowed sources: INVITEs sent as plain datagrams from 127.0.0.2 (not allowed) and 127.0.0.3
 * (allowed), and from the trunk's address, which is allowed without being listed.
 */
class SipInboundAllowListTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private SipTelephony telephony;
    private int port;

    @AfterEach
    void stop() {
        if (telephony != null) {
            telephony.close();
        }
        media.close();
    }

    private void start(Optional<SipTrunk> trunk, String allowed) throws IOException {
        port = freeUdpPort();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", port, trunk, Map.of(), "switchboard",
                Duration.ofMillis(50)).withInbound(InboundAllowList.parse(allowed)), media.engine, events, incoming);
    }

    @Test
    void refusesAnInviteFromASourceNotAllowedWith403AndOffersOneFromAnAllowedNetwork() throws Exception {
        // given: only 127.0.0.3 may call in
        start(Optional.empty(), "127.0.0.3/32");

        // when / then: a stranger is refused before anything rings or is offered
        assertThat(invite("127.0.0.2", "stranger")).startsWith("SIP/2.0 403");
        assertThat(incoming.offers()).isEmpty();

        // and an allowed source rings and is offered
        assertThat(invite("127.0.0.3", "friend")).matches("SIP/2.0 1[0-9][0-9] .*");
        assertThat(incoming.awaitOffer(WAIT)).isNotNull();
        assertThat(incoming.offers()).hasSize(1);
    }

    @Test
    void letsTheTrunkCallInWithoutListingIt() throws Exception {
        // given: nothing listed but the trunk, at 127.0.0.4
        start(Optional.of(SipTrunk.parse("sip:127.0.0.4:5099")), "192.0.2.1");

        // when
        String answer = invite("127.0.0.4", "carrier");

        // then
        assertThat(answer).matches("SIP/2.0 1[0-9][0-9] .*");
        assertThat(incoming.awaitOffer(WAIT)).isNotNull();
    }

    /** Sends an INVITE with a PCMU offer from {@code from}; the status line of the first answer. */
    private String invite(String from, String id) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String sdp = "v=0\r\no=- 1 1 IN IP4 " + from + "\r\ns=-\r\nc=IN IP4 " + from + "\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            String invite = "INVITE sip:+14255550100@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + from + ":" + socket.getLocalPort() + ";branch=z9hG4bK-" + id + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:" + id + "@" + from + ">;tag=" + id + "\r\n"
                    + "To: <sip:+14255550100@127.0.0.1>\r\nCall-ID: " + id + "@" + from + "\r\nCSeq: 1 INVITE\r\n"
                    + "Contact: <sip:" + id + "@" + from + ":" + socket.getLocalPort() + ">\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                return "no answer within " + WAIT;
            }
            String text = new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
            return text.substring(0, text.indexOf("\r\n"));
        }
    }
}
