package io.switchboard.client;

import java.util.Objects;
import java.util.Optional;

/**
 * How to play a prompt (the origin SDK's {@code PlayAudioOptions}).
 *
 * @param loop             play until canceled or the call ends
 * @param operationContext repeated in the play's result event
 * @param resourceId       the server's cache key of the audio; without it the URI is the key
 */
public record PlayAudioOptions(boolean loop, Optional<String> operationContext, Optional<String> resourceId) {

    public PlayAudioOptions {
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(resourceId, "resourceId");
    }

    /** Once, no context, the URI as cache key. */
    public static PlayAudioOptions defaults() {
        return new PlayAudioOptions(false, Optional.empty(), Optional.empty());
    }

    public PlayAudioOptions withLoop(boolean value) {
        return new PlayAudioOptions(value, operationContext, resourceId);
    }

    public PlayAudioOptions withOperationContext(String value) {
        return new PlayAudioOptions(loop, Optional.of(value), resourceId);
    }

    public PlayAudioOptions withResourceId(String value) {
        return new PlayAudioOptions(loop, operationContext, Optional.of(value));
    }
}
