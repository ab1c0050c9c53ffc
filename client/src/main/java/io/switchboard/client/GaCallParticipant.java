package io.switchboard.client;

import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.Objects;

/** A participant of a call as the GA API reports it ({@code CallParticipant}). */
public record GaCallParticipant(CommunicationIdentifier identifier, boolean muted, boolean onHold) {

    public GaCallParticipant {
        Objects.requireNonNull(identifier, "identifier");
    }
}
