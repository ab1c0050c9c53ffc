package io.switchboard.domain.participant;

/** An identifier of a kind this server does not model; it can be named but never dialled. */
public record UnknownIdentifier(String rawId) implements CommunicationIdentifier {

    public UnknownIdentifier {
        if (rawId == null || rawId.isBlank()) {
            throw new IllegalArgumentException("rawId: " + rawId + " (expected: a non-empty identifier)");
        }
    }
}
