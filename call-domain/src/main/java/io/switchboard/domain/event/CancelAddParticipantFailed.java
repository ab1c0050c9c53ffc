package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;

import java.util.Optional;

/** An invitation could not be canceled: no such invitation, or it was already answered or ended. */
public record CancelAddParticipantFailed(CallConnectionId callId, String invitationId,
                                         Optional<String> operationContext, OperationCallback operationCallback,
                                         ResultInformation result) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
