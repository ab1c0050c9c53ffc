package io.switchboard.domain.connection;

import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.SpeechOptions;
import io.switchboard.domain.media.SpeechSignal;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.telephony.TelephonyCommand.StartListening;
import io.switchboard.domain.telephony.TelephonyCommand.StartSilenceTimer;
import io.switchboard.domain.telephony.TelephonyCommand.StopListening;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A recognition of choices, made by their keys. */
class RecognizeChoicesTest {

    private static final MediaOperationId ID = MediaOperationId.of("rec-1");
    private static final List<Choice> CHOICES = List.of(
            new Choice("Confirm", List.of("Confirm", "First", "One"), Optional.of(Tone.ONE)),
            new Choice("Cancel", List.of("Cancel", "Second", "Two"), Optional.of(Tone.TWO)));

    private static Call choosing() {
        RecognizeOperation operation = RecognizeOperation.choosing(ID, alice().leg(), CHOICES,
                new DtmfOptions(1, Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(10)), Optional.empty(), false,
                Optional.of("menu"), OperationCallback.OWN);
        Transition started = aConnectedCall().startRecognize(operation, false);
        assertThat(started.commands()).containsExactly(new StartSilenceTimer(ID, 0, Duration.ofSeconds(10)),
                new StartListening(ID, alice().leg(), CHOICES, SpeechOptions.DEFAULT));
        return started.call();
    }

    @Test
    void aKeyOfAChoiceChoosesIt() {
        Transition pressed = choosing().toneReceived(alice().leg(), Tone.TWO);

        RecognizeCompleted completed = (RecognizeCompleted) pressed.events().get(pressed.events().size() - 1);
        assertThat(completed.result()).isEqualTo(ResultInformation.RECOGNIZED_CHOICE);
        assertThat(completed.operation().chosen()).contains("Cancel");
        assertThat(completed.operation().tones()).containsExactly(Tone.TWO);
        assertThat(pressed.call().recognize()).isEmpty();
    }

    @Test
    void anotherKeyFailsTheRecognitionAsAnIncorrectTone() {
        Transition pressed = choosing().toneReceived(alice().leg(), Tone.NINE);

        assertThat(pressed.events()).last().isInstanceOfSatisfying(RecognizeFailed.class, failed -> {
            assertThat(failed.result()).isEqualTo(ResultInformation.INCORRECT_TONE);
            assertThat(failed.operation().chosen()).isEmpty();
        });
    }

    @Test
    void silenceFailsItAfterTheInitialTimeout() {
        Transition silent = choosing().recognizeTimedOut(ID, 0);

        assertThat(silent.events()).singleElement().isEqualTo(new RecognizeFailed(CallFixtures.CALL_ID,
                choosing().recognize().orElseThrow(), ResultInformation.INITIAL_SILENCE_TIMEOUT));
    }

    @Test
    void aPhraseSaidChoosesItsChoiceIgnoringCaseAndPunctuation() {
        Transition said = choosing().speechHeard(ID, SpeechSignal.recognized("second!", 0.8));

        assertThat(said.events()).singleElement().isInstanceOfSatisfying(RecognizeCompleted.class, completed -> {
            assertThat(completed.result()).isEqualTo(ResultInformation.SPEECH_OPTION_MATCHED);
            assertThat(completed.operation().chosen()).contains("Cancel");
            assertThat(completed.operation().heard().orElseThrow().confidence()).hasValue(0.8);
        });
        assertThat(said.commands()).containsExactly(new StopListening(ID));
        assertThat(said.call().recognize()).isEmpty();
    }

    @Test
    void wordsThatAreNoPhraseFailTheRecognition() {
        Transition said = choosing().speechHeard(ID, SpeechSignal.recognized("maybe", 0.4));

        assertThat(said.events()).singleElement().isInstanceOfSatisfying(RecognizeFailed.class, failed ->
                assertThat(failed.result()).isEqualTo(ResultInformation.SPEECH_OPTION_NOT_MATCHED));
    }

    @Test
    void speechStartedStopsTheSilenceTimerAndAStaleReportChangesNothing() {
        Call speaking = choosing().speechHeard(ID, SpeechSignal.started()).call();

        assertThat(speaking.recognizeTimedOut(ID, 0).events()).isEmpty();
        assertThat(speaking.speechHeard(MediaOperationId.of("other"), SpeechSignal.recognized("one", 1)).events())
                .isEmpty();
    }

    @Test
    void refusesARecognitionWithoutChoicesOrAChoiceWithoutLabel() {
        assertThatThrownBy(() -> RecognizeOperation.choosing(ID, alice().leg(), List.of(),
                new DtmfOptions(1, Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(5)), Optional.empty(), false,
                Optional.empty(), OperationCallback.OWN)).hasMessageStartingWith("choices: empty");
        assertThatThrownBy(() -> new Choice(" ", List.of(), Optional.empty())).hasMessageStartingWith("label: empty");
    }
}
