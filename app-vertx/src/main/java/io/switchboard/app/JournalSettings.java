package io.switchboard.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the journal is and what it keeps.
 *
 * @param file           the SQLite file; empty for a journal in memory (tests and benchmarks only: a stop loses
 *                       every pending event and call record)
 * @param fullSync       whether each commit is on the disk before it completes (survives a power loss), or only
 *                       handed to the operating system (survives a crash of the process)
 * @param callRetention  how long an ended call stays readable ({@code GET})
 * @param eventRetention how long a delivered or given-up event stays in the calls' histories
 * @param raisedWriter   whether the writer thread asks Linux for a priority above ordinary threads: every call's
 *                       change and accepted event waits for its commit
 */
public record JournalSettings(Optional<Path> file, boolean fullSync, Duration callRetention,
                              Duration eventRetention, boolean raisedWriter) {

    public JournalSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(callRetention, "callRetention");
        Objects.requireNonNull(eventRetention, "eventRetention");
    }
}
