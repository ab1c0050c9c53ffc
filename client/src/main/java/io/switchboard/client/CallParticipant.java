package io.switchboard.client;

import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.ParticipantId;

import java.util.Objects;

/** A participant of a call as {@link CallClient#getCall} reports it; {@code id} is what removal takes. */
public record CallParticipant(ParticipantId id, CommunicationIdentifier identifier, boolean muted) {

    public CallParticipant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identifier, "identifier");
    }
}
