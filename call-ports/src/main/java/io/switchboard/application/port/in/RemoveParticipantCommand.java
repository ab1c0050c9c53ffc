package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Remove a participant from a call.
 *
 * @param participant          the participant id this server gave, or the participant's raw identifier
 * @param operationCallbackUri where the removal's events go instead of the call's callback
 */
public record RemoveParticipantCommand(CallConnectionId callId, String participant, Optional<String> operationContext,
                                       Optional<URI> operationCallbackUri) {

    /** A removal whose events go to the call's callback. */
    public RemoveParticipantCommand(CallConnectionId callId, String participant, Optional<String> operationContext) {
        this(callId, participant, operationContext, Optional.empty());
    }

    public RemoveParticipantCommand {
        Objects.requireNonNull(callId, "callId");
        if (participant == null || participant.isBlank()) {
            throw new IllegalArgumentException("participantId: " + participant + " (expected: a participant id or raw id)");
        }
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
