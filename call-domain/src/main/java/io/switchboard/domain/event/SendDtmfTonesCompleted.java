package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;

import java.util.Optional;

/** Every tone the application asked to send was sent into the participant's leg. */
public record SendDtmfTonesCompleted(CallConnectionId callId, Optional<String> operationContext,
                                     OperationCallback operationCallback) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
