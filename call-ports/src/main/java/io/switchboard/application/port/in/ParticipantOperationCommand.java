package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An operation on one participant of a call that needs nothing more (continuous DTMF recognition start and stop,
 * unhold).
 *
 * @param participant the participant id this server gave, or the participant's raw identifier
 */
public record ParticipantOperationCommand(CallConnectionId callId, String participant,
                                          Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public ParticipantOperationCommand {
        Objects.requireNonNull(callId, "callId");
        MuteParticipantCommand.requireParticipant("targetParticipant", participant);
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
