package io.switchboard.domain.participant;

/** A VoIP identity of the form {@code 8:acs:<resource>_<guid>} (or another {@code 8:} prefix). */
public record CommunicationUserIdentifier(String id) implements CommunicationIdentifier {

    public CommunicationUserIdentifier {
        if (id == null || !id.startsWith("8:") || id.length() < 3) {
            throw new IllegalArgumentException("communicationUser.id: " + id + " (expected: 8:acs:<resource>_<guid>)");
        }
    }

    @Override
    public String rawId() {
        return id;
    }
}
