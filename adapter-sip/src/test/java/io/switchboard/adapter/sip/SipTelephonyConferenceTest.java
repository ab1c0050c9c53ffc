package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.CALLER;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/** When a call's legs share a mix, and where its prompts play, with media faked. */
class SipTelephonyConferenceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final LegId A = LegId.of("leg-a");
    private static final LegId B = LegId.of("leg-b");
    private static final LegId C = LegId.of("leg-c");
    private static final MediaOperationId OPERATION = MediaOperationId.of("op-1");
    private static final AudioClip CLIP = new AudioClip("clip", new short[1600]);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final FakeLegMedia.Factory media = new FakeLegMedia.Factory();
    private TestUserAgent ua;
    private SipTelephony telephony;

    @BeforeEach
    void start() throws Exception {
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media, events, incoming);
    }

    @AfterEach
    void stop() {
        telephony.close();
        ua.close();
    }

    private void answered(CallConnectionId call, LegId... legs) throws Exception {
        for (LegId leg : legs) {
            int before = events.events().size();
            telephony.dial(new DialRequest(call, leg, CALLEE, Optional.of(CALLER), WAIT));
            assertThat(events.await(before + 1, WAIT)).endsWith(new Answered(leg));
        }
    }

    private List<String> callsOf(int leg) {
        return media.opened.get(leg).calls;
    }

    private FakeCallMix mix() {
        return media.mixes.get(0);
    }

    /** Waits until the signalling thread ran what was handed to it. */
    private void settle() throws Exception {
        SipFixtures.settle(telephony);
    }

    private void hangUp(LegId leg) throws Exception {
        telephony.hangUp(leg);
        events.awaitEnded(leg, WAIT);
    }

    private PlayEnded completed() {
        return new PlayEnded(CALL, PlayOperation.Outcome.completed(OPERATION));
    }

    @Test
    void aCallWithOneAnsweredLegNeverOpensAMix() throws Exception {
        // when: one leg each in two calls
        answered(CALL, A);
        answered(CallConnectionId.of("call-2"), B);
        settle();

        // then
        assertThat(media.mixes).isEmpty();
        assertThat(callsOf(0)).noneMatch(call -> call.startsWith("join"));
        assertThat(callsOf(1)).noneMatch(call -> call.startsWith("join"));
    }

    @Test
    void theSecondAnsweredLegOpensTheMixAndLaterLegsJoinIt() throws Exception {
        // when
        answered(CALL, A, B, C);
        settle();

        // then
        assertThat(media.mixes).hasSize(1);
        for (int leg = 0; leg < 3; leg++) {
            assertThat(callsOf(leg)).containsOnlyOnce("join mix-0");
        }
    }

    @Test
    void legsThatEndLeaveAndTheMixClosesWhenOneLegIsLeft() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when
        hangUp(A);
        settle();

        // then
        assertThat(callsOf(0)).endsWith("join mix-0", "leave", "close");
        assertThat(mix().calls).doesNotContain("close");

        // when
        hangUp(B);
        settle();

        // then: C sends on its own again
        assertThat(callsOf(1)).endsWith("join mix-0", "leave", "close");
        assertThat(callsOf(2)).endsWith("join mix-0", "leave");
        assertThat(mix().calls).containsExactly("close");
    }

    @Test
    void aPromptToEveryAnsweredLegPlaysOnceInTheMixAndIsReportedOnce() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when: a leg that is not this adapter's is simply not played to
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B, C, LegId.of("not-mine")), CLIP, false));
        settle();
        mix().finishPrompt();
        mix().finishPrompt();

        // then
        events.await(4, WAIT);
        settle();
        assertThat(mix().calls).containsExactly("play clip");
        assertThat(events.events()).containsExactly(new Answered(A), new Answered(B), new Answered(C), completed());
        for (int leg = 0; leg < 3; leg++) {
            assertThat(callsOf(leg)).doesNotContain("play clip");
        }
    }

    @Test
    void aPromptToSomeLegsPlaysOnThoseLegsAlone() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(B), CLIP, false));
        settle();
        media.opened.get(1).listener.playbackFinished(new PlaybackKey(CALL, OPERATION));

        // then
        assertThat(events.await(4, WAIT)).endsWith(completed());
        assertThat(callsOf(1)).endsWith("join mix-0", "play clip");
        assertThat(callsOf(0)).doesNotContain("play clip");
        assertThat(mix().calls).isEmpty();
    }

    @Test
    void theMixLastsUntilItsPromptEndsWhenTheCallIsDownToOneLeg() throws Exception {
        // given
        answered(CALL, A, B);
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B), CLIP, false));

        // when
        hangUp(A);
        settle();

        // then: B hears the prompt to its end
        assertThat(mix().calls).containsExactly("play clip");
        assertThat(callsOf(1)).doesNotContain("leave");

        // when
        mix().finishPrompt();
        settle();

        // then
        assertThat(events.events()).endsWith(completed());
        assertThat(mix().calls).containsExactly("play clip", "close");
        assertThat(callsOf(1)).endsWith("join mix-0", "leave");
    }

    @Test
    void stoppingTheMixPromptReportsNothing() throws Exception {
        // given
        answered(CALL, A, B);
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B), CLIP, true));

        // when
        telephony.stopPlayback(CALL, OPERATION);
        settle();
        mix().finishPrompt();
        settle();

        // then
        assertThat(mix().calls).containsExactly("play clip", "stop");
        assertThat(events.events()).hasSize(2);
    }

    @Test
    void thePromptOfTheLastLegPlaysOnItsOwnMedia() throws Exception {
        // given
        answered(CALL, A, B);
        hangUp(A);

        // when
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(A, B), CLIP, false));
        settle();

        // then
        assertThat(callsOf(1)).endsWith("join mix-0", "leave", "play clip");
        assertThat(mix().calls).containsExactly("close");
    }

    @Test
    void aMutedLegsMediaIsMutedAndKeysAreReportedWithTheirLeg() throws Exception {
        // given
        answered(CALL, A, B, C);

        // when
        telephony.setMuted(B, true);
        telephony.setMuted(B, false);
        media.opened.get(2).tone(Tone.NINE);
        media.opened.get(0).tone(Tone.ONE);

        // then
        assertThat(events.await(5, WAIT)).endsWith(new ToneReceived(C, Tone.NINE), new ToneReceived(A, Tone.ONE));
        assertThat(callsOf(1)).endsWith("join mix-0", "mute", "unmute");
    }
}
