package io.switchboard.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The service's acceptance of an invitation ({@link GaCallClient#addParticipant}); whether the invitee joins
 * follows as {@code AddParticipantSucceeded} or {@code AddParticipantFailed}.
 *
 * @param invitationId what {@link GaCallClient#cancelAddParticipant} takes
 * @param participant  the invitee as the service reported it, if it did
 */
public record AddParticipantResult(String invitationId, Optional<GaCallParticipant> participant,
                                   Optional<String> operationContext) {

    public AddParticipantResult {
        if (invitationId == null || invitationId.isBlank()) {
            throw new IllegalArgumentException("invitationId: " + invitationId + " (expected: a non-empty id)");
        }
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(operationContext, "operationContext");
    }
}
