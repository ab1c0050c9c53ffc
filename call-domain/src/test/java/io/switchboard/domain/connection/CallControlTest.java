package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CancelAddParticipantFailed;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.RecognizeCanceled;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCallWith;
import static io.switchboard.domain.connection.CallFixtures.aPlay;
import static io.switchboard.domain.connection.CallFixtures.aSetupRequesting;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static io.switchboard.domain.connection.CallFixtures.carolInvited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Recognition, continuous DTMF, mute, hold, invitation cancel, DTMF sending and transfer. */
class CallControlTest {

    private static final MediaOperationId RECOGNIZE_ID = MediaOperationId.of("rec-1");
    private static final URI OP_CALLBACK = URI.create("https://app.example.com/op");

    static RecognizeOperation aRecognition(int maxTones, boolean withPrompt, Tone... stopTones) {
        return RecognizeOperation.requested(RECOGNIZE_ID, alice().leg(), new DtmfOptions(maxTones, Set.of(stopTones),
                        Duration.ofSeconds(2), Duration.ofSeconds(5)),
                withPrompt ? Optional.of(new FilePlaySource(URI.create("https://media.example.com/menu.wav"),
                        Optional.empty())) : Optional.empty(),
                false, Optional.of("rec-ctx"), OperationCallback.own(Optional.of(OP_CALLBACK)));
    }

    /** A connected call of Alice and Bob that, like a GA call, asked for participant updates but not every tone. */
    private static Call aGaCall() {
        return aConnectedCallWith(aSetupRequesting(RequestedCallEvent.PARTICIPANTS_UPDATED), alice(), bob());
    }

    private static Call recognizing(RecognizeOperation operation) {
        return aGaCall().startRecognize(operation, false).call();
    }

    @Test
    void completesRecognitionWith8531WhenTheMaximumOfTonesIsPressed() {
        // given
        Call call = recognizing(aRecognition(2, false));

        // when
        Call afterOne = call.toneReceived(alice().leg(), Tone.FOUR).call();
        Transition second = afterOne.toneReceived(alice().leg(), Tone.TWO);

        // then
        assertThat(second.events()).filteredOn(RecognizeCompleted.class::isInstance).singleElement()
                .satisfies(e -> {
                    RecognizeCompleted completed = (RecognizeCompleted) e;
                    assertThat(completed.operation().tones()).containsExactly(Tone.FOUR, Tone.TWO);
                    assertThat(completed.result().subCode()).isEqualTo(8531);
                    assertThat(completed.replyTo().flatMap(OperationCallback::uri)).contains(OP_CALLBACK);
                });
        assertThat(second.call().recognize()).isEmpty();
    }

    @Test
    void completesRecognitionWith8514OnAStopToneWhichIsNotCollected() {
        // given
        Call call = recognizing(aRecognition(5, false, Tone.POUND)).toneReceived(alice().leg(), Tone.ONE).call();

        // when
        Transition stopped = call.toneReceived(alice().leg(), Tone.POUND);

        // then
        assertThat(stopped.events()).singleElement().isInstanceOfSatisfying(RecognizeCompleted.class, e -> {
            assertThat(e.operation().tones()).containsExactly(Tone.ONE);
            assertThat(e.result()).isEqualTo(ResultInformation.RECOGNIZED_STOP_TONE);
        });
    }

    @Test
    void failsRecognitionWith8510OnInitialSilenceAnd8532OnSilenceBetweenTones() {
        // given
        Call silent = recognizing(aRecognition(3, false));
        Call oneTone = silent.toneReceived(alice().leg(), Tone.ONE).call();

        // when
        Transition initial = silent.recognizeTimedOut(RECOGNIZE_ID, 0);
        Transition stale = oneTone.recognizeTimedOut(RECOGNIZE_ID, 0);
        Transition interTone = oneTone.recognizeTimedOut(RECOGNIZE_ID, 1);

        // then
        assertThat(initial.events()).singleElement().isInstanceOfSatisfying(RecognizeFailed.class,
                e -> assertThat(e.result().subCode()).isEqualTo(8510));
        assertThat(stale.events()).isEmpty();
        assertThat(interTone.events()).singleElement().isInstanceOfSatisfying(RecognizeFailed.class,
                e -> assertThat(e.result().subCode()).isEqualTo(8532));
    }

    @Test
    void ignoresTonesDuringAnUninterruptiblePromptAndCollectsAfterIt() {
        // given
        Call prompting = recognizing(aRecognition(1, true));

        // when
        Transition duringPrompt = prompting.toneReceived(alice().leg(), Tone.ONE);
        Call collecting = prompting.playEnded(PlayOperation.Outcome.completed(RECOGNIZE_ID)).call();
        Transition afterPrompt = collecting.toneReceived(alice().leg(), Tone.ONE);

        // then
        assertThat(duringPrompt.events()).isEmpty();
        assertThat(duringPrompt.call().recognize()).map(RecognizeOperation::prompting).contains(true);
        assertThat(afterPrompt.events()).singleElement().isInstanceOf(RecognizeCompleted.class);
    }

    @Test
    void refusesARecognitionWhileAPlayRunsUnlessItInterrupts() {
        // given
        Call playing = aConnectedCall().startPlay(aPlay()).call();

        // when
        Transition interrupted = playing.startRecognize(aRecognition(1, false), true);

        // then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> playing.startRecognize(aRecognition(1, false), false))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.MEDIA_OPERATION_ACTIVE);
        assertThat(interrupted.events()).singleElement().isInstanceOf(PlayCanceled.class);
        assertThat(interrupted.call().recognize()).isPresent();
    }

    @Test
    void cancelsARunningRecognition() {
        // when
        Transition canceled = recognizing(aRecognition(1, false)).cancelMedia();

        // then
        assertThat(canceled.events()).singleElement().isInstanceOf(RecognizeCanceled.class);
        assertThat(canceled.call().hasActiveMedia()).isFalse();
    }

    @Test
    void reportsTonesOfAContinuouslyRecognisedParticipantOnly() {
        // given: a GA-like call that did not ask for every tone
        Call call = aGaCall().startContinuousDtmf("4:+14255550101").call();

        // when
        Transition fromAlice = call.toneReceived(alice().leg(), Tone.FIVE);
        Transition fromBob = call.toneReceived(bob().leg(), Tone.FIVE);
        Transition stopped = call.stopContinuousDtmf("4:+14255550101", Optional.of("ctx"), OperationCallback.OWN);

        // then
        assertThat(fromAlice.events()).singleElement().isInstanceOf(ToneReceived.class);
        assertThat(fromBob.events()).isEmpty();
        assertThat(stopped.events()).singleElement().isInstanceOf(ContinuousDtmfRecognitionStopped.class);
        assertThat(stopped.call().toneReceived(alice().leg(), Tone.ONE).events()).isEmpty();
    }

    @Test
    void mutesAndHoldsAParticipantWithAParticipantsUpdate() {
        // given
        Call call = aConnectedCall();

        // when
        Transition muted = call.mute("4:+14255550102", true);
        Transition held = muted.call().hold("4:+14255550102", true, Optional.empty(), Optional.empty(),
                OperationCallback.OWN);

        // then
        assertThat(muted.events()).singleElement().isInstanceOf(ParticipantsUpdated.class);
        assertThat(held.events()).singleElement().isInstanceOfSatisfying(ParticipantsUpdated.class,
                e -> assertThat(e.participants()).anySatisfy(p -> {
                    assertThat(p.muted()).isTrue();
                    assertThat(p.onHold()).isTrue();
                }));
        assertThat(held.call().hold("4:+14255550102", true, Optional.empty(), Optional.empty(), OperationCallback.OWN)
                .events()).isEmpty();
    }

    @Test
    void cancelsARingingInvitationAndReportsItOnceItsLegEnded() {
        // given
        Call call = aConnectedCall().invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty()).call();

        // when
        Transition canceling = call.cancelInvitation("p-carol", Optional.of("cancel-ctx"), OperationCallback.OWN);
        Transition ended = canceling.call().legEnded(carolInvited("x").leg(), ResultInformation.canceled(""));
        Transition unknown = call.cancelInvitation("p-nobody", Optional.empty(), OperationCallback.OWN);

        // then
        assertThat(canceling.events()).isEmpty();
        assertThat(ended.events()).singleElement().isInstanceOfSatisfying(CancelAddParticipantSucceeded.class,
                e -> assertThat(e.operationContext()).contains("cancel-ctx"));
        assertThat(unknown.events()).singleElement().isInstanceOf(CancelAddParticipantFailed.class);
    }

    @Test
    void reportsSentTones() {
        // when
        Transition sent = aConnectedCall().tonesSent(Optional.of("ctx"), OperationCallback.OWN, Optional.empty());

        // then
        assertThat(sent.events()).singleElement().isInstanceOf(SendDtmfTonesCompleted.class);
    }

    @Test
    void aTransferredLastParticipantEndsTheCallAfterTheAcceptance() {
        // given
        Call call = aConnectedCallWith(alice());

        // when
        Transition transferred = call.transferred(alice().leg(), new PhoneNumberIdentifier("+15550100001"),
                Optional.of("t-ctx"), OperationCallback.OWN);

        // then
        assertThat(transferred.events()).hasSize(2);
        assertThat(transferred.events().get(0)).isInstanceOf(CallTransferAccepted.class);
        assertThat(transferred.events().get(1)).isInstanceOfSatisfying(CallConnectionStateChanged.class,
                e -> assertThat(e.state()).isEqualTo(CallState.DISCONNECTED));
    }
}
