package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.participant.Participant;

import java.util.Objects;
import java.util.Optional;

/** A participant of the call {@code fromCall} was moved into this call: it hears and is heard here from now on. */
public record MoveParticipantSucceeded(CallConnectionId callId, Participant participant, CallConnectionId fromCall,
                                       Optional<String> operationContext, OperationCallback operationCallback)
        implements CallEvent {

    public MoveParticipantSucceeded {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(fromCall, "fromCall");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
    }

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
