package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;

/** The music for a held participant could not be played (the participant stays on hold, in silence). */
public record HoldFailed(CallConnectionId callId, Participant participant, Optional<String> operationContext,
                         OperationCallback operationCallback, ResultInformation result) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
