package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.rtp.MediaConfig;
import io.switchboard.rtp.MediaEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter against SIPp (package sip-tester) playing the trunk, with the scenarios of {@code interop/sipp}.
 * Runs only with {@code -Dinterop=true}: {@code interop/sipp/run.sh} does that inside a private network namespace.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path SCENARIOS = Path.of(System.getProperty("sipp.dir", "../interop/sipp")).toAbsolutePath();

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private MediaEngine engine;
    private SipTelephony telephony;
    private SippProcess sipp;
    private int sippPort;

    @AfterEach
    void stop() {
        if (telephony != null) {
            telephony.close();
        }
        if (sipp != null) {
            sipp.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private void start(String scenario) throws Exception {
        start(scenario, SipTransport.UDP);
    }

    /** SIPp as the trunk over {@code transport} ({@code -t t1}: one TCP connection for all its calls). */
    private void start(String scenario, SipTransport transport) throws Exception {
        sippPort = freeUdpPort();
        sipp = SippProcess.start(SCENARIOS, scenario, sippPort, freeUdpPort(), 1,
                transport == SipTransport.TCP ? List.of("-t", "t1") : List.of());
        SipConfig config = new SipConfig("127.0.0.1", freeUdpPort(), Optional.of(SipTrunk.parse("sip:127.0.0.1:"
                + sippPort + (transport == SipTransport.TCP ? ";transport=tcp" : ""))), Map.of(),
                "switchboard", Duration.ofMillis(50));
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", 42_000, 42_099, 1, Duration.ofSeconds(30)));
        telephony = SipTelephony.start(config, engine, events, incoming);
    }

    /** Over TCP, SIPp ({@code -t t1}) holds one connection and takes no other: every message went over it. */
    @ParameterizedTest
    @EnumSource(SipTransport.class)
    void answeredCallReportsTheCalleesKeysAndEndsWithOurBye(SipTransport transport) throws Exception {
        // given: SIPp answers, then plays dtmf_pcmu.pcap (PCMU with the keys 1 5 #)
        start("uas_answer_dtmf.xml", transport);
        telephony.dial(dial(CALLEE, WAIT));

        // when
        events.await(4, WAIT);
        telephony.hangUp(LEG);

        // then
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
        assertThat(events.events()).containsExactly(new Answered(LEG), new ToneReceived(LEG, Tone.ONE),
                new ToneReceived(LEG, Tone.FIVE), new ToneReceived(LEG, Tone.POUND),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void transferredCallIsHandedOverAndEndsWithOurByeUnreported() throws Exception {
        // given: SIPp answers, then takes our REFER (202) and reports the target answered (NOTIFY, sipfrag 200 OK)
        start("uas_answer_refer.xml");
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, new PhoneNumberIdentifier("+14255550199"));

        // then: SIPp got the REFER with Refer-To and Referred-By, the 200 to its NOTIFY, and our BYE
        assertThat(transferred.toCompletableFuture()).succeedsWithin(WAIT);
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
        assertThat(events.events()).containsExactly(new Answered(LEG));
    }

    @Test
    void busyCalleeIsReportedBusy() throws Exception {
        // given
        start("uas_busy.xml");

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Ended(LEG, ResultInformation.busy("SIP 486 Busy Here")));
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SipTransport.class)
    void unansweredCallIsCanceledAfterTheRingTimeout(SipTransport transport) throws Exception {
        // given
        start("uas_ring_no_answer.xml", transport);

        // when
        telephony.dial(dial(CALLEE, Duration.ofSeconds(2)));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.unavailable("no answer after 2 s")));
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }

    @Test
    void silentCalleeTimesOut() throws Exception {
        // given: T1 = 50 ms, so Timer B fires after 3.2 s
        start("uas_silent.xml");

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Ended(LEG, ResultInformation.unavailable(
                "SIP 408 Request Timeout (no response from sip:+14255550123@127.0.0.1:" + sippPort + ")")));
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }
}
