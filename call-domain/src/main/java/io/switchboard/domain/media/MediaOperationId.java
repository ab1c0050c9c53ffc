package io.switchboard.domain.media;

/** The id of one media operation (a play), returned to the application and repeated in its result event. */
public record MediaOperationId(String value) {

    public MediaOperationId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("operationId: " + value + " (expected: a non-empty id)");
        }
    }

    public static MediaOperationId of(String value) {
        return new MediaOperationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
