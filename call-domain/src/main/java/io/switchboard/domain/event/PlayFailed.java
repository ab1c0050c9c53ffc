package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.PlayOperation;

import java.util.Optional;

/** A play could not be done: the file could not be downloaded (8536) or decoded (8535). */
public record PlayFailed(CallConnectionId callId, PlayOperation operation, ResultInformation result)
        implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operation.operationCallback());
    }
}
