package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at the SIP port, seeded and bounded: random datagrams, SIP messages mangled line by line over UDP and
 * TCP, and connections opened and dropped. Nothing may be offered or reported, and a normal call must work after.
 */
class SipRobustnessTest extends WithTestUserAgent {

    private static final long SEED = 5060L;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String INVITE = """
            INVITE sip:+14255550100@127.0.0.1:%d SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-%d\r
            Max-Forwards: 70\r
            From: <sip:mallory@127.0.0.1>;tag=%d\r
            To: <sip:+14255550100@127.0.0.1>\r
            Call-ID: fuzz-%d@127.0.0.1\r
            CSeq: 1 INVITE\r
            Contact: <sip:mallory@127.0.0.1:5999>\r
            Content-Type: application/sdp\r
            Content-Length: 64\r
            \r
            v=0\r
            o=- 1 1 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            """;

    @Test
    void survivesGarbageAndMangledMessagesAndStillPlacesACall() throws Exception {
        // given
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        SipConfig config = configWithTrunk(uaPort, Optional.empty());
        telephony = SipTelephony.start(config, media.engine, events, incoming);
        InetSocketAddress sip = new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port());
        Random random = new Random(SEED);

        // when: 1,000 random datagrams and 1,000 mangled INVITEs over UDP, 50 mangled INVITEs over TCP
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 1000; i++) {
                byte[] junk = new byte[random.nextInt(1500)];
                random.nextBytes(junk);
                socket.send(new DatagramPacket(junk, junk.length, sip));
                byte[] mangled = mangled(INVITE.formatted(config.port(), i, i, i), random)
                        .getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(mangled, mangled.length, sip));
            }
        }
        for (int i = 0; i < 50; i++) {
            try (Socket socket = new Socket(sip.getAddress(), sip.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(mangled(INVITE.formatted(config.port(), 10_000 + i, i, 10_000 + i)
                        .replace("SIP/2.0/UDP", "SIP/2.0/TCP"), random).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        settle(telephony);

        // then: nothing offered as a call (no INVITE here offers audio: at best it is refused), a real call works
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        assertThat(incoming.offers()).isEmpty();
    }

    /** The message with one of its lines cut, doubled, emptied, or given random bytes; or its SDP cut short. */
    private static String mangled(String message, Random random) {
        List<String> lines = new ArrayList<>(List.of(message.split("\r\n", -1)));
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        switch (random.nextInt(5)) {
            case 0 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
            case 1 -> lines.add(at, line);
            case 2 -> lines.set(at, "");
            case 3 -> lines.set(at, line + "\u0000\uFFFD" + "%".repeat(random.nextInt(200)));
            default -> lines.set(at, line.replaceAll("[0-9]", String.valueOf(random.nextInt(10))));
        }
        return String.join("\r\n", lines);
    }
}
