package io.switchboard.domain.recording;

import io.switchboard.domain.call.CallConnectionId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The id of a call's recording, as the application sees it: opaque (base64url, as ACS's are), it names the call it
 * records, so a recording is found from its id alone.
 */
public record RecordingId(String value) {

    private static final String SEPARATOR = "|";

    public RecordingId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("recordingId: " + value + " (expected: a non-empty id)");
        }
    }

    /** A new id for a recording of {@code call}; {@code unique} tells it from the call's other recordings. */
    public static RecordingId of(CallConnectionId call, String unique) {
        String plain = call.value() + SEPARATOR + unique;
        return new RecordingId(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** The call this id names; empty if it is no id this server issued. */
    public Optional<CallConnectionId> call() {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int separator = plain.indexOf(SEPARATOR);
            return separator > 0 ? Optional.of(CallConnectionId.of(plain.substring(0, separator))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
