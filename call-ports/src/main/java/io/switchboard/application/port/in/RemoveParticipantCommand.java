package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.util.Objects;
import java.util.Optional;

/**
 * Remove a participant from a call.
 *
 * @param participant the participant id this server gave, or the participant's raw identifier
 */
public record RemoveParticipantCommand(CallConnectionId callId, String participant, Optional<String> operationContext) {

    public RemoveParticipantCommand {
        Objects.requireNonNull(callId, "callId");
        if (participant == null || participant.isBlank()) {
            throw new IllegalArgumentException("participantId: " + participant + " (expected: a participant id or raw id)");
        }
        Objects.requireNonNull(operationContext, "operationContext");
    }
}
