package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;

import java.util.Optional;

/** A transfer did not happen: the target could not be reached; the transferee stays in the call. */
public record CallTransferFailed(CallConnectionId callId, Optional<String> operationContext,
                                 OperationCallback operationCallback, ResultInformation result) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
