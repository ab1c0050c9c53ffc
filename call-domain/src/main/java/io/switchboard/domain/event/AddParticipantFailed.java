package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;

/** An invited participant could not be reached (busy, declined, unavailable, unreachable, ...). */
public record AddParticipantFailed(CallConnectionId callId, Optional<String> operationContext,
                                   Participant participant, ResultInformation result) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(participant.operationCallback());
    }
}
