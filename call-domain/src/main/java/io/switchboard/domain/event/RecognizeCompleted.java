package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.RecognizeOperation;

import java.util.Optional;

/**
 * A recognition completed: of DTMF, the maximum of tones was reached (8531) or a stop tone was pressed (8514), the
 * tones collected being {@code operation.tones()}; of choices, one was chosen by its key (8533),
 * {@code operation.chosen()}.
 */
public record RecognizeCompleted(CallConnectionId callId, RecognizeOperation operation, ResultInformation result)
        implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operation.operationCallback());
    }
}
