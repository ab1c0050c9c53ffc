package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;

/** The application stopped continuous DTMF recognition on a participant: its tones are no longer reported. */
public record ContinuousDtmfRecognitionStopped(CallConnectionId callId, Participant participant,
                                               Optional<String> operationContext,
                                               OperationCallback operationCallback) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
