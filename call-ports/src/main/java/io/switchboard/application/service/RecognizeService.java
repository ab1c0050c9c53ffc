package io.switchboard.application.service;

import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.in.RecognizeUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/**
 * Runs recognitions, of DTMF tones or of choices made by their keys. The prompt is a media operation under the
 * recognition's own id, so that its end moves the recognition to collecting; the call's transitions arm the silence
 * timers.
 */
public final class RecognizeService implements RecognizeUseCase {

    private final Calls calls;
    private final Clips clips;
    private final IdGenerator ids;

    RecognizeService(Calls calls, Clips clips, IdGenerator ids) {
        this.calls = calls;
        this.clips = clips;
        this.ids = ids;
    }

    @Override
    public CompletionStage<RecognizeOperation> recognize(RecognizeCommand command) {
        return calls.onCall(command.callId(), call -> {
            command.prompt().ifPresent(clips::check);
            Participant target = call.participant(command.participant()).orElseThrow(() ->
                    new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND, "Participant "
                            + command.participant() + " is not in call " + call.id() + "."));
            MediaOperationId id = MediaOperationId.of(ids.newId());
            RecognizeOperation operation = command.choices().isEmpty()
                    ? RecognizeOperation.requested(id, target.leg(), command.options(), command.prompt(),
                    command.interruptPrompt(), command.operationContext(), command.operationCallbackUri())
                    : RecognizeOperation.choosing(id, target.leg(), command.choices(), command.options(),
                    command.prompt(), command.interruptPrompt(), command.operationContext(),
                    command.operationCallbackUri());
            calls.apply(call.startRecognize(operation, command.interrupt()));
            return operation;
        });
    }
}
