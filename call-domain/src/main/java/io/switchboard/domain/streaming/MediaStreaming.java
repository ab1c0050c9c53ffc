package io.switchboard.domain.streaming;

import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.media.MediaOperationId;

import java.util.Objects;
import java.util.Optional;

/**
 * A call's media stream or live transcription, as the application set it up: its subscription {@code id}, its spec,
 * and where it stands.
 * The operation context and callback are those of the request that last started or stopped it.
 */
public record MediaStreaming(MediaOperationId id, StreamSpec spec, State state, Optional<String> operationContext,
                             OperationCallback operationCallback) {

    /** Inactive: not streaming; starting: its connection is being opened; active: streaming. */
    public enum State { INACTIVE, STARTING, ACTIVE }

    public MediaStreaming {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
    }

    /** A stream set up with the call, not yet started. */
    public static MediaStreaming of(MediaOperationId id, StreamSpec spec) {
        return new MediaStreaming(id, spec, State.INACTIVE, Optional.empty(), OperationCallback.OWN);
    }

    public boolean running() {
        return state != State.INACTIVE;
    }

    MediaStreaming in(State next) {
        return new MediaStreaming(id, spec, next, operationContext, operationCallback);
    }

    public MediaStreaming in(State next, Optional<String> context, OperationCallback callback) {
        return new MediaStreaming(id, spec, next, context, callback);
    }

    /** The same stream with another spec (a transcription's new language). */
    public MediaStreaming with(StreamSpec next, Optional<String> context, OperationCallback callback) {
        return new MediaStreaming(id, next, state, context, callback);
    }

    public StreamSpec.Content content() {
        return spec.content();
    }

    public MediaStreaming active() {
        return in(State.ACTIVE);
    }

    public MediaStreaming inactive() {
        return in(State.INACTIVE);
    }
}
