package io.switchboard.domain.call;

/** The id of one telephony leg: the media and signalling path to one remote participant. */
public record LegId(String value) {

    public LegId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("legId: " + value + " (expected: a non-empty id)");
        }
    }

    public static LegId of(String value) {
        return new LegId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
