package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.media.RecognizeOperation;

import java.util.Optional;

/** A recognition was stopped by a cancel request, or interrupted by a new media operation. */
public record RecognizeCanceled(CallConnectionId callId, RecognizeOperation operation) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operation.operationCallback());
    }
}
