package io.switchboard.domain.recording;

import java.time.Instant;
import java.util.Objects;

/** A call's recording while it runs: what it was asked to be, whether it is writing, since when it exists. */
public record Recording(RecordingId id, RecordingSpec spec, RecordingState state, Instant startedAt) {

    public Recording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    Recording in(RecordingState next) {
        return new Recording(id, spec, next, startedAt);
    }

    /** This recording paused (inactive) or resumed (active). */
    public Recording paused(boolean paused) {
        return in(paused ? RecordingState.INACTIVE : RecordingState.ACTIVE);
    }
}
