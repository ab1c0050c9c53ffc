package io.switchboard.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * Where completed recordings go: kept in {@code store}, announced through {@code notifier} if the application
 * subscribed (without one the files are kept all the same).
 */
public record RecordingArchive(RecordingStore store, Optional<RecordingFileNotifier> notifier) {

    public RecordingArchive {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(notifier, "notifier");
    }
}
