package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.Optional;

/** The transferee's leg was handed to the transfer target; the application is no longer part of that call. */
public record CallTransferAccepted(CallConnectionId callId, CommunicationIdentifier transferee,
                                   CommunicationIdentifier transferTarget, Optional<String> operationContext,
                                   OperationCallback operationCallback) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
