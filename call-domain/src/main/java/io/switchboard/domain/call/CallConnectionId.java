package io.switchboard.domain.call;

/** The id of a call as the application sees it (ACS's {@code callConnectionId}, the origin API's {@code callLegId}). */
public record CallConnectionId(String value) {

    public CallConnectionId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("callConnectionId: " + value + " (expected: a non-empty id)");
        }
    }

    public static CallConnectionId of(String value) {
        return new CallConnectionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
