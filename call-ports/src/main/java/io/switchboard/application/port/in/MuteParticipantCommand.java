package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.util.Objects;
import java.util.Optional;

/**
 * Mute or unmute a connected participant.
 *
 * @param participant the participant id this server gave, or the participant's raw identifier
 */
public record MuteParticipantCommand(CallConnectionId callId, String participant, boolean muted,
                                     Optional<String> operationContext) {

    public MuteParticipantCommand {
        Objects.requireNonNull(callId, "callId");
        requireParticipant("targetParticipant", participant);
        Objects.requireNonNull(operationContext, "operationContext");
    }

    static void requireParticipant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": " + value
                    + " (expected: a participant id or raw id, e.g. 4:+14255550123)");
        }
    }
}
