package io.switchboard.application.port.out;

import io.switchboard.domain.call.LegId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A recording telephony completed: its WAV file, how long it plays (paused parts are not in it), its size, and the
 * channel each recorded leg was given (all 0 when mixed).
 */
public record RecordedFile(Path file, int channels, Duration length, long bytes, Map<LegId, Integer> legChannels) {

    public RecordedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(length, "length");
        legChannels = Map.copyOf(legChannels);
    }
}
