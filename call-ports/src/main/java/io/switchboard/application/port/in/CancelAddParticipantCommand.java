package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Cancel a ringing invitation; its id is the one the invitation was answered with (the invitee's participant id). */
public record CancelAddParticipantCommand(CallConnectionId callId, String invitationId,
                                          Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public CancelAddParticipantCommand {
        Objects.requireNonNull(callId, "callId");
        if (invitationId == null || invitationId.isBlank()) {
            throw new IllegalArgumentException("invitationId: " + invitationId + " (expected: a non-empty id)");
        }
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
