package io.switchboard.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where recordings are kept and for how long.
 *
 * @param directory    where the WAV files and their documents are written
 * @param retention    how long a completed recording is kept before it is deleted
 * @param minFreeBytes below this much free disk space, new recordings are refused (calls go on)
 * @param eventsUrl    where {@code RecordingFileStatusUpdated} goes (Event Grid); none is sent without it
 */
public record RecordingSettings(Path directory, Duration retention, long minFreeBytes, Optional<URI> eventsUrl) {

    public RecordingSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(eventsUrl, "eventsUrl");
    }
}
