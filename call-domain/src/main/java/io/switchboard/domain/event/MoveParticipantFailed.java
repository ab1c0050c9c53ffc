package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.Objects;
import java.util.Optional;

/** A participant of the call {@code fromCall} could not be moved into this call; it stays where it was. */
public record MoveParticipantFailed(CallConnectionId callId, CommunicationIdentifier participant,
                                    CallConnectionId fromCall, Optional<String> operationContext,
                                    OperationCallback operationCallback, ResultInformation result)
        implements CallEvent {

    public MoveParticipantFailed {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(fromCall, "fromCall");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
        Objects.requireNonNull(result, "result");
    }

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
