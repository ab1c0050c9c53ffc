package io.switchboard.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the first responses of repeatable requests ({@code Repeatability-Request-ID}) are kept, so that a repeat
 * after a restart is answered as the first request was instead of running again. Thread-safe; {@link #keep} never
 * blocks.
 */
public interface RepeatableResponses {

    /** Keeps nothing: repeats are recognised only while the process lives. */
    RepeatableResponses NONE = new RepeatableResponses() {
        @Override
        public List<Response> since(Instant horizon) {
            return List.of();
        }

        @Override
        public void keep(Response response) {
        }
    };

    /** A first response: its request's key (method, path and id), when it was sent, and what. */
    record Response(String key, Instant at, int status, String body) {

        public Response {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(body, "body");
        }
    }

    /** The responses kept that were sent after {@code horizon}, oldest first; read once, at start (blocks). */
    List<Response> since(Instant horizon);

    /** Keeps a response (in the background). */
    void keep(Response response);
}
