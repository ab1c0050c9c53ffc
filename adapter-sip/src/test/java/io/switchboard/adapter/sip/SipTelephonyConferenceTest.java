package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.CALLER;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/** When a call's legs share a mix, and where its prompts play, with real media on loopback. */
class SipTelephonyConferenceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final LegId A = LegId.of("leg-a");
    private static final LegId B = LegId.of("leg-b");
    private static final LegId C = LegId.of("leg-c");
    private static final MediaOperationId OPERATION = MediaOperationId.of("op-1");
    private static final AudioClip CLIP = new AudioClip("clip", new short[1600]);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent ua;
    private SipTelephony telephony;

    @BeforeEach
    void start() throws Exception {
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming);
    }

    @AfterEach
    void stop() {
        telephony.close();
        ua.close();
        media.close();
    }

    private void answered(CallConnectionId call, LegId... legs) throws Exception {
        for (LegId leg : legs) {
            int before = events.events().size();
            telephony.dial(new DialRequest(call, leg, CALLEE, Optional.of(CALLER), WAIT));
            assertThat(events.await(before + 1, WAIT)).endsWith(new Answered(leg));
        }
    }

    /** Waits until the signalling thread ran what was handed to it. */
    private void settle() throws Exception {
        SipFixtures.settle(telephony);
    }

    private void hangUp(LegId leg) throws Exception {
        telephony.hangUp(leg);
        events.awaitEnded(leg, WAIT);
    }

    private static PlayEnded completed(MediaOperationId operation) {
        return new PlayEnded(CALL, PlayOperation.Outcome.completed(operation));
    }

    private static AudioClip clip(int millis) {
        return new AudioClip("clip-" + millis, new short[8 * millis]);
    }

    /** Waits for the playback's end and for whatever the adapter had still queued; how often it was reported. */
    private long reported(MediaOperationId operation) throws Exception {
        Awaitility.await("the end of " + operation).atMost(WAIT).until(() -> events.events().contains(
                completed(operation)));
        settle();
        return events.events().stream().filter(completed(operation)::equals).count();
    }

    @Test
    void aCallWithOneAnsweredLegNeverOpensAMix() throws Exception {
        // when: one leg each in two calls
        answered(CALL, A);
        answered(CallConnectionId.of("call-2"), B);
        settle();

        // then
        assertThat(media.engine.activeSessions()).isEqualTo(2);
        assertThat(media.engine.activeMixes()).isZero();
    }

    @Test
    void theSecondAnsweredLegOpensTheMixAndLaterLegsJoinIt() throws Exception {
        // when
        answered(CALL, A, B);
        settle();

        // then
        assertThat(media.engine.activeMixes()).isEqualTo(1);

        // when
        answered(CALL, C);
        settle();

        // then: the same mix
        assertThat(media.engine.activeMixes()).isEqualTo(1);
    }

    @Test
    void legsThatEndLeaveAndTheMixClosesWhenOneLegIsLeft() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when
        hangUp(A);
        settle();

        // then
        media.awaitSessions(2);
        assertThat(media.engine.activeMixes()).isEqualTo(1);

        // when
        hangUp(B);
        settle();

        // then: C sends on its own again
        media.awaitSessions(1);
        assertThat(media.engine.activeMixes()).isZero();
    }

    @Test
    void aPromptToEveryAnsweredLegPlaysOnceInTheMixAndIsReportedOnce() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when: a leg that is not this adapter's is simply not played to
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B, C, LegId.of("not-mine")), CLIP, false));

        // then
        assertThat(reported(OPERATION)).isEqualTo(1);
        assertThat(events.events()).containsExactly(new Answered(A), new Answered(B), new Answered(C),
                completed(OPERATION));
    }

    @Test
    void aPromptToSomeLegsPlaysOnThoseLegsAlone() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(B), CLIP, false));

        // then
        assertThat(reported(OPERATION)).isEqualTo(1);
        assertThat(media.engine.activeMixes()).as("the call still mixed").isEqualTo(1);
    }

    @Test
    void theMixLastsUntilItsPromptEndsWhenTheCallIsDownToOneLeg() throws Exception {
        // given
        answered(CALL, A, B);
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B), clip(1500), false));

        // when
        hangUp(A);
        settle();

        // then: B hears the prompt to its end, in the mix
        assertThat(events.events()).doesNotContain(completed(OPERATION));
        assertThat(media.engine.activeMixes()).isEqualTo(1);

        // when: the prompt ends
        assertThat(reported(OPERATION)).isEqualTo(1);

        // then
        media.awaitMixes(0);
    }

    @Test
    void stoppingTheMixPromptReportsNothing() throws Exception {
        // given
        answered(CALL, A, B);
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B), CLIP, false));

        // when: stopped, then a second prompt as long, played after it
        telephony.stopPlayback(CALL, OPERATION);
        MediaOperationId second = MediaOperationId.of("op-2");
        telephony.play(new PlaybackRequest(CALL, second, List.of(A, B), CLIP, false));

        // then: the first, had it played on, would have ended first
        assertThat(reported(second)).isEqualTo(1);
        assertThat(events.events()).doesNotContain(completed(OPERATION));
    }

    @Test
    void thePromptOfTheLastLegPlaysOnItsOwnMedia() throws Exception {
        // given
        answered(CALL, A, B);
        hangUp(A);
        media.awaitMixes(0);

        // when
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B), CLIP, false));

        // then
        assertThat(reported(OPERATION)).isEqualTo(1);
    }

    @Test
    void keysAreReportedWithTheirLegWhetherItIsMutedOrNot() throws Exception {
        // given
        answered(CALL, A, B, C);
        List<RemoteAudio> legs = ua.switchboardMediaOfEachLeg();

        // when
        telephony.setMuted(C, true);
        ua.rtp().sendDigit(new InetSocketAddress(legs.get(2).address(), legs.get(2).port()), 101, 9, 1, 160);
        ua.rtp().sendDigit(new InetSocketAddress(legs.get(0).address(), legs.get(0).port()), 101, 1, 100, 160);

        // then
        assertThat(events.await(5, WAIT)).endsWith(new ToneReceived(C, Tone.NINE), new ToneReceived(A, Tone.ONE));
    }
}
