package io.switchboard.application.service;

import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.in.RecognizeUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Runs recognitions: of DTMF tones, of choices (said or chosen by their keys), of speech, of speech or tones. The
 * prompt is a media operation under the recognition's own id, so that its end moves the recognition to collecting;
 * the call's transitions arm the silence timers and start and stop the listening.
 */
public final class RecognizeService implements RecognizeUseCase {

    private final Calls calls;
    private final Clips clips;
    private final IdGenerator ids;
    private final Optional<SpeechRecognizer> recognizer;

    RecognizeService(Calls calls, Clips clips, IdGenerator ids, Optional<SpeechRecognizer> recognizer) {
        this.recognizer = recognizer;
        this.calls = calls;
        this.clips = clips;
        this.ids = ids;
    }

    @Override
    public CompletionStage<RecognizeOperation> recognize(RecognizeCommand command) {
        if (command.input().listens()) {
            checkLanguage(command.speech().language());
        }
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            command.prompt().ifPresent(clips::check);
            Participant target = call.participant(command.participant()).orElseThrow(() ->
                    new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND, "Participant "
                            + command.participant() + " is not in call " + call.id() + "."));
            MediaOperationId id = MediaOperationId.of(ids.newId());
            RecognizeOperation operation = RecognizeOperation.requested(id, target.leg(), command.input(),
                    command.options(), command.speech(), command.choices(), command.prompt(),
                    command.interruptPrompt(), command.operationContext(), replyTo);
            calls.apply(call.startRecognize(operation, command.interrupt()));
            return operation;
        });
    }

    /** A language the recognizer does not understand is refused (400), as ACS refuses an unknown locale. */
    private void checkLanguage(Optional<String> language) {
        if (recognizer.isEmpty()) {
            throw new CallAutomationException(ErrorCode.UNAVAILABLE,
                    "Speech recognition is not available: no speech recognizer is configured.");
        }
        Set<String> known = recognizer.get().locales();
        language.filter(l -> known.stream().noneMatch(k -> k.equalsIgnoreCase(l))).ifPresent(l -> {
            throw new IllegalArgumentException("speechLanguage: " + l + " (expected: one of "
                    + String.join(", ", known) + ")");
        });
    }
}
