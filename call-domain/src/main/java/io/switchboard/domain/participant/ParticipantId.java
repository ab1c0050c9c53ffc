package io.switchboard.domain.participant;

/** The id this server gives a participant of a call; it appears in {@code ParticipantsUpdated}. */
public record ParticipantId(String value) {

    public ParticipantId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("participantId: " + value + " (expected: a non-empty id)");
        }
    }

    public static ParticipantId of(String value) {
        return new ParticipantId(value);
    }
}
