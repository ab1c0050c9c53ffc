package io.switchboard.application.service;

import io.switchboard.application.fakes.CallFixtures;
import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CallControlUseCases;
import io.switchboard.application.port.in.CancelAddParticipantCommand;
import io.switchboard.application.port.in.HoldCommand;
import io.switchboard.application.port.in.MuteParticipantCommand;
import io.switchboard.application.port.in.ParticipantOperationCommand;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.in.SendDtmfTonesCommand;
import io.switchboard.application.port.in.TransferCallCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.SendDtmfTonesFailed;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.CAROL;
import static io.switchboard.application.fakes.CallFixtures.PROMPT;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Recognition, DTMF, hold, invitation cancel, transfer and per-operation callbacks, over the real core. */
class CallControlServicesTest {

    private static final URI OP_CALLBACK = URI.create("http://127.0.0.1:9/operations");

    private final TestCore core = new TestCore();
    private final CallControlUseCases control = core.useCases().callControl();

    private Call aConnectedCall() {
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 5));
        return core.aConnectedCall(CallFixtures.aCallTo(ALICE, BOB));
    }

    private RecognizeCommand recognizeOn(CallConnectionId call, boolean withPrompt) {
        return new RecognizeCommand(call, ALICE.rawId(), new DtmfOptions(2, Set.of(Tone.POUND),
                Duration.ofSeconds(2), Duration.ofSeconds(5)),
                withPrompt ? Optional.of(new FilePlaySource(PROMPT, Optional.empty())) : Optional.empty(),
                false, false, Optional.of("rec-ctx"), Optional.of(OP_CALLBACK));
    }

    @Test
    void playsThePromptToTheTargetThenCollectsTonesAndReportsToTheOperationCallback() {
        // given
        Call call = aConnectedCall();
        Participant alice = core.participant(call.id(), ALICE.rawId());

        // when
        RecognizeOperation operation = result(control.recognize().recognize(recognizeOn(call.id(), true)));
        core.telephonyEvents().playEnded(call.id(), PlayOperation.Outcome.completed(operation.id()));
        core.telephonyEvents().toneReceived(alice.leg(), Tone.SEVEN);
        core.telephonyEvents().toneReceived(alice.leg(), Tone.SEVEN);

        // then
        assertThat(core.telephony.played()).singleElement()
                .satisfies(p -> assertThat(p.legs()).containsExactly(alice.leg()));
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.operation().tones()).containsExactly(Tone.SEVEN, Tone.SEVEN));
        assertThat(core.events.targetOfLast(RecognizeCompleted.class).uri()).isEqualTo(OP_CALLBACK);
    }

    @Test
    void failsARecognitionWhenTheInitialSilenceTimerFires() {
        // given
        Call call = aConnectedCall();
        result(control.recognize().recognize(recognizeOn(call.id(), false)));

        // when
        assertThat(core.timers.pending()).singleElement()
                .satisfies(t -> assertThat(t.delay()).isEqualTo(Duration.ofSeconds(5)));
        core.timers.fireAll();

        // then
        assertThat(core.events.events(RecognizeFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.result().subCode()).isEqualTo(8510));
    }

    @Test
    void interruptsARunningRecognitionToPlayToOneParticipant() {
        // given
        Call call = aConnectedCall();
        result(control.recognize().recognize(recognizeOn(call.id(), true)));
        core.telephony.clear();

        // when
        result(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(),
                new FilePlaySource(PROMPT, Optional.empty()), false, Optional.empty(), List.of(BOB), true,
                Optional.empty())));

        // then
        assertThat(core.telephony.stopped()).hasSize(1);
        assertThat(core.telephony.played()).singleElement().satisfies(p -> assertThat(p.legs())
                .containsExactly(core.participant(call.id(), BOB.rawId()).leg()));
        assertThat(core.events.events(PlayCanceled.class)).isEmpty();
    }

    @Test
    void sendsTonesAndReportsTheOutcome() {
        // given
        Call call = aConnectedCall();
        SendDtmfTonesCommand send = new SendDtmfTonesCommand(call.id(), BOB.rawId(), List.of(Tone.ONE, Tone.POUND),
                Optional.of("dtmf"), Optional.empty());

        // when
        result(control.sendDtmfTones().sendDtmfTones(send));
        core.telephony.failNext(new UnsupportedOperationException("no tones here"));
        result(control.sendDtmfTones().sendDtmfTones(send));

        // then
        assertThat(core.telephony.sentTones()).first().satisfies(t -> assertThat(t.tones())
                .containsExactly(Tone.ONE, Tone.POUND));
        assertThat(core.events.events(SendDtmfTonesCompleted.class)).hasSize(1);
        assertThat(core.events.events(SendDtmfTonesFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.result().message()).contains("no tones here"));
    }

    @Test
    void holdsWithLoopedMusicToTheHeldLegAndStopsItOnUnhold() {
        // given
        Call call = aConnectedCall();

        // when
        Participant held = result(control.hold().hold(new HoldCommand(call.id(), BOB.rawId(),
                Optional.of(new FilePlaySource(PROMPT, Optional.empty())), Optional.empty(), Optional.empty())));
        Participant released = result(control.hold().unhold(new ParticipantOperationCommand(call.id(), BOB.rawId(),
                Optional.empty(), Optional.empty())));

        // then
        assertThat(held.onHold()).isTrue();
        assertThat(released.onHold()).isFalse();
        assertThat(core.telephony.played()).singleElement().satisfies(p -> {
            assertThat(p.loop()).isTrue();
            assertThat(p.legs()).containsExactly(held.leg());
            assertThat(core.telephony.stopped()).containsExactly(p.operation());
        });
    }

    @Test
    void cancelsARingingInvitationByHangingUpItsLeg() {
        // given
        Call call = aConnectedCall();
        Participant carol = result(core.useCases().inviteParticipants()
                .inviteParticipants(CallFixtures.anInvitation(call.id(), CAROL))).get(0);

        // when
        result(control.cancelAddParticipant().cancelAddParticipant(new CancelAddParticipantCommand(call.id(),
                carol.id().value(), Optional.of("cancel"), Optional.empty())));
        core.telephonyEvents().legEnded(carol.leg(), io.switchboard.domain.call.ResultInformation.canceled(""));

        // then
        assertThat(core.telephony.hungUp()).contains(carol.leg());
        assertThat(core.events.events(CancelAddParticipantSucceeded.class)).singleElement()
                .satisfies(e -> assertThat(e.invitee().id()).isEqualTo(carol.id()));
    }

    @Test
    void transfersTheOnlyParticipantAndTheCallEnds() {
        // given
        Call call = core.aConnectedCall(CallFixtures.aCallTo(ALICE));

        // when
        result(control.transfer().transfer(new TransferCallCommand(call.id(), new PhoneNumberIdentifier(
                "+15550100001"), Optional.empty(), Optional.of("xfer"), Optional.empty())));

        // then
        assertThat(core.telephony.transfers()).hasSize(1);
        assertThat(core.events.events(CallTransferAccepted.class)).hasSize(1);
        assertThat(core.call(call.id()).state().isEnded()).isTrue();
    }

    @Test
    void mutingAParticipantMutesItsLegInTheNetwork() {
        // given
        Call call = aConnectedCall();
        Participant alice = call.participants().get(0);

        // when
        result(control.mute().muteParticipant(new MuteParticipantCommand(call.id(), ALICE.rawId(), true,
                Optional.empty())));
        result(control.mute().muteParticipant(new MuteParticipantCommand(call.id(), ALICE.rawId(), false,
                Optional.empty())));

        // then
        assertThat(core.telephony.mutes()).containsExactly("mute " + alice.leg(), "unmute " + alice.leg());
        assertThat(core.call(call.id()).participants().get(0).muted()).isFalse();
    }
}
