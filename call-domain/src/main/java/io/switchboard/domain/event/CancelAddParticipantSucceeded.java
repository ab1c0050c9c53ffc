package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;

/** A pending invitation was canceled and its leg ended; the invitation id is the invitee's participant id. */
public record CancelAddParticipantSucceeded(CallConnectionId callId, Participant invitee,
                                            Optional<String> operationContext,
                                            OperationCallback operationCallback) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
