package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.adapter.sip.RtpPeer.Packet;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;
import io.switchboard.domain.media.Tone;
import io.switchboard.rtp.MediaConfig;
import io.switchboard.rtp.MediaEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/** A call into the adapter with the real RTP media engine: the caller hears the leg, and its keys are reported. */
class SipTelephonyIncomingMediaTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private MediaEngine engine;
    private TestCaller caller;
    private SipTelephony telephony;
    private int adapterPort;

    @BeforeEach
    void start() throws Exception {
        int base = 47_000 + 2 * (int) (ProcessHandle.current().pid() % 2000);
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", base, base + 99, 1, Duration.ofSeconds(30)));
        caller = TestCaller.start(freeUdpPort());
        adapterPort = freeUdpPort();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", adapterPort, Optional.empty(), Map.of(),
                "switchboard", Duration.ofMillis(50)), engine, events, incoming);
    }

    @AfterEach
    void stop() {
        telephony.close();
        caller.close();
        engine.close();
    }

    @Test
    void sendsRtpToTheCallersSdpAddressAndReportsTheCallersKeys() throws Exception {
        // given: an answered call offering PCMU and telephone-event
        caller.call("sip:+14255550123@127.0.0.1:" + adapterPort, "<sip:+18005550100@127.0.0.1>",
                TestCaller.offer(caller.rtp().port(), "0 101"));
        incoming.awaitOffer(WAIT).call().answer(CALL, LEG);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        RemoteAudio switchboard = Sdp.negotiate(TestCaller.body(
                caller.awaitResponse(Request.INVITE, Response.OK, WAIT))).orElseThrow();
        InetSocketAddress to = new InetSocketAddress(switchboard.address(), switchboard.port());

        // when
        List<Packet> heard = caller.rtp().receiveUntilQuiet(WAIT, Duration.ofMillis(300), 10);
        caller.rtp().sendSilence(to, 1, 0);
        caller.rtp().sendDigit(to, 101, 5, 2, 160);

        // then
        assertThat(heard).hasSize(10).allSatisfy(packet -> assertThat(packet.payloadType()).isEqualTo(Sdp.PCMU));
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG), new ToneReceived(LEG, Tone.FIVE));
    }
}
