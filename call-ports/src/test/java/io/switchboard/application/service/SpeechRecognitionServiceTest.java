package io.switchboard.application.service;

import io.switchboard.application.fakes.CallFixtures;
import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.Talk;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CallControlUseCases;
import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeInput;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.SpeechOptions;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.PROMPT;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recognitions of speech over the real core: the listener, the endpointer, the recognizer port and the call. */
class SpeechRecognitionServiceTest {

    private static final List<Choice> CHOICES = List.of(
            new Choice("Confirm", List.of("yes", "confirm"), Optional.of(Tone.ONE)),
            new Choice("Cancel", List.of("no", "cancel"), Optional.of(Tone.TWO)));

    private final TestCore core = new TestCore();
    private final CallControlUseCases control = core.useCases().callControl();

    private Call aConnectedCall() {
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 5));
        return core.aConnectedCall(CallFixtures.aCallTo(ALICE, BOB));
    }

    private RecognizeOperation recognize(CallConnectionId call, RecognizeInput input, boolean prompt,
                                         boolean interruptPrompt) {
        return result(control.recognize().recognize(new RecognizeCommand(call, ALICE.rawId(), input,
                new DtmfOptions(3, Set.of(Tone.POUND), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new SpeechOptions(Duration.ofMillis(400), Optional.empty()),
                prompt ? Optional.of(new FilePlaySource(PROMPT, Optional.empty())) : Optional.empty(),
                interruptPrompt, false, Optional.of("ctx"), Optional.empty(),
                input == RecognizeInput.CHOICES ? CHOICES : List.of())));
    }

    /** Half a second of silence, {@code speechMillis} of a loud tone, then {@code silenceMillis} of silence. */
    private static void say(AudioSink sink, int speechMillis, int silenceMillis) {
        Talk.say(sink, 500, speechMillis, silenceMillis);
    }

    @Test
    void recognizesFreeSpeechOnceTheParticipantStopsSpeaking() {
        // given
        Call call = aConnectedCall();
        Participant alice = core.participant(call.id(), ALICE.rawId());
        core.recognizer.hears("i would like to pay my bill", 0.8);
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH, false, false);

        // when
        say(core.telephony.listener(operation.id()), 1000, 300);

        // then: not yet over, the end silence is 400 ms
        assertThat(core.events.events(RecognizeCompleted.class)).isEmpty();
        say(core.telephony.listener(operation.id()), 0, 200);
        assertThat(core.telephony.listenedTo()).containsExactly(alice.leg());
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.operation().heard().orElseThrow().text()).isEqualTo("i would like to pay my bill");
            assertThat(e.result().code()).isEqualTo(200);
        });
        assertThat(core.recognizer.utterances()).singleElement().satisfies(u -> {
            // the lead (500 ms, ending with the 100 ms that started speech), the rest of the speech (900 ms) and
            // the end silence (400 ms)
            assertThat(u.millis()).isEqualTo(1800L);
            assertThat(u.choices()).isEmpty();
        });
        assertThat(core.telephony.listens(operation.id())).isFalse();
    }

    @Test
    void choosesTheChoiceWhosePhraseWasSaid() {
        // given
        Call call = aConnectedCall();
        core.recognizer.hears("Yes", 0.9);
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.CHOICES, false, false);

        // when
        say(core.telephony.listener(operation.id()), 400, 600);

        // then
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.operation().chosen()).contains("Confirm");
            assertThat(e.result().subCode()).isEqualTo(8545);
        });
        assertThat(core.recognizer.utterances()).singleElement().satisfies(u -> {
            assertThat(u.choices()).isEqualTo(CHOICES);
            // a choice is over after 300 ms of silence, not the 400 ms free speech waits for here: the lead (500 ms,
            // ending with the speech's first 100 ms), the rest of the speech (300 ms), the silence (300 ms)
            assertThat(u.millis()).isEqualTo(1100L);
        });
    }

    @Test
    void failsAChoiceNotSaid() {
        // given
        Call call = aConnectedCall();
        core.recognizer.hears("", 0);
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.CHOICES, false, false);

        // when
        say(core.telephony.listener(operation.id()), 400, 600);

        // then
        assertThat(core.events.events(RecognizeFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.result().subCode()).isEqualTo(8547));
    }

    @Test
    void listensOnlyAfterAnUninterruptiblePrompt() {
        // given
        Call call = aConnectedCall();
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH, true, false);
        assertThat(core.telephony.listens(operation.id())).isFalse();

        // when
        core.telephonyEvents().playEnded(call.id(), PlayOperation.Outcome.completed(operation.id()));

        // then
        assertThat(core.telephony.listens(operation.id())).isTrue();
    }

    @Test
    void speechCutsAnInterruptiblePromptShortAndStopsTheSilenceTimer() {
        // given
        Call call = aConnectedCall();
        core.recognizer.hears("billing", 0.7);
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH_OR_DTMF, true, true);

        // when: speech starts while the prompt plays
        say(core.telephony.listener(operation.id()), 300, 0);

        // then
        assertThat(core.telephony.stopped()).containsExactly(operation.id());
        core.timers.fireAll();
        assertThat(core.events.events(RecognizeFailed.class)).isEmpty();
        say(core.telephony.listener(operation.id()), 0, 500);
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.operation().heard().orElseThrow().text()).isEqualTo("billing"));
    }

    @Test
    void initialSilenceFailsTheRecognitionAndStopsListening() {
        // given
        Call call = aConnectedCall();
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH, false, false);

        // when
        core.timers.fireAll();

        // then
        assertThat(core.events.events(RecognizeFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.result().subCode()).isEqualTo(8510));
        assertThat(core.telephony.stoppedListening()).containsExactly(operation.id());
    }

    @Test
    void aToneEndsASpeechOrDtmfRecognitionAsTones() {
        // given
        Call call = aConnectedCall();
        Participant alice = core.participant(call.id(), ALICE.rawId());
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH_OR_DTMF, false, false);

        // when
        core.telephonyEvents().toneReceived(alice.leg(), Tone.POUND);

        // then
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.operation().heard()).isEmpty());
        assertThat(core.telephony.stoppedListening()).containsExactly(operation.id());
    }

    @Test
    void tonesDoNotCountForSpeechOnly() {
        // given
        Call call = aConnectedCall();
        Participant alice = core.participant(call.id(), ALICE.rawId());
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH, false, false);

        // when
        core.telephonyEvents().toneReceived(alice.leg(), Tone.ONE);

        // then
        assertThat(core.events.events(RecognizeCompleted.class)).isEmpty();
        assertThat(core.telephony.listens(operation.id())).isTrue();
    }

    @Test
    void aFailingEngineFailsTheRecognitionAndTheCallGoesOn() {
        // given
        Call call = aConnectedCall();
        core.recognizer.fails();
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH, false, false);

        // when
        say(core.telephony.listener(operation.id()), 400, 600);

        // then
        assertThat(core.events.events(RecognizeFailed.class)).singleElement().satisfies(e -> {
            assertThat(e.result().subCode()).isEqualTo(8564);
            assertThat(e.result().message()).contains("the engine is down");
        });
        assertThat(core.call(call.id()).state().isEnded()).isFalse();
    }

    @Test
    void refusesALanguageTheRecognizerDoesNotKnow() {
        Call call = aConnectedCall();
        assertThatThrownBy(() -> result(control.recognize().recognize(new RecognizeCommand(call.id(), ALICE.rawId(),
                RecognizeInput.SPEECH, new DtmfOptions(1, Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new SpeechOptions(Duration.ofMillis(500), Optional.of("fr-FR")), Optional.empty(), false, false,
                Optional.empty(), Optional.empty(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speechLanguage: fr-FR (expected: one of en-US)");
    }

    @Test
    void cancelingARecognitionStopsItsListener() {
        // given
        Call call = aConnectedCall();
        RecognizeOperation operation = recognize(call.id(), RecognizeInput.SPEECH, false, false);

        // when
        result(core.useCases().cancelMedia().cancelMediaProcessing(
                new CancelMediaProcessingCommand(call.id(), Optional.empty())));

        // then
        assertThat(core.telephony.stoppedListening()).containsExactly(operation.id());
    }
}
