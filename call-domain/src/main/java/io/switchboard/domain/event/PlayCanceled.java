package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.media.PlayOperation;

import java.util.Optional;

/** A play was stopped by a cancel request before it ended. */
public record PlayCanceled(CallConnectionId callId, PlayOperation operation) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operation.operationCallback());
    }
}
