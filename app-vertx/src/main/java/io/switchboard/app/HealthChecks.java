package io.switchboard.app;

import io.switchboard.adapter.webhook.WebhookStats;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What makes the server degraded, for readiness probes: the media pacers falling behind (ticks skipped in the last
 * {@value #WINDOW_SECONDS} s), a webhook backlog beyond {@value #MAX_PENDING_WEBHOOKS} callbacks, the recordings'
 * or the journal's disk below the free-space floor, the speech recognizer's models failed. Looked at every
 * {@value #WINDOW_SECONDS} s off the event loops (the disk's free space is a file system call), each change of the
 * reasons logged once; {@link #reasons()} answers from what was last seen. Thread-safe.
 */
final class HealthChecks {

    private static final System.Logger LOG = System.getLogger("io.switchboard.app");
    static final int WINDOW_SECONDS = 10;
    static final long MAX_PENDING_WEBHOOKS = 10_000;

    private final LongSupplier skippedTicks;
    private final Supplier<WebhookStats> webhooks;
    private final Path recordings;
    private final Optional<Path> journal;
    private final long minFreeBytes;
    private final Supplier<String> recognition;
    private long lastSkipped;
    private volatile boolean pacerBehind;
    private volatile boolean diskLow;
    private volatile boolean journalDiskLow;
    private List<String> lastReasons = List.of();

    /**
     * @param journal the journal's file, if it is on disk
     */
    HealthChecks(LongSupplier skippedTicks, Supplier<WebhookStats> webhooks, Path recordings, Optional<Path> journal,
                 long minFreeBytes, Supplier<String> recognition) {
        this.skippedTicks = skippedTicks;
        this.webhooks = webhooks;
        this.recordings = recordings;
        this.journal = journal;
        this.minFreeBytes = minFreeBytes;
        this.recognition = recognition;
        this.lastSkipped = skippedTicks.getAsLong();
    }

    /** Looks now, then every {@value #WINDOW_SECONDS} s on a worker thread. */
    void start(Vertx vertx) {
        look();
        vertx.setPeriodic(WINDOW_SECONDS * 1000L, id -> vertx.executeBlocking(() -> {
            look();
            return null;
        }, false));
    }

    /** Why the server is degraded, in a word each; empty when it is ready. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (pacerBehind) {
            reasons.add("pacerBehind");
        }
        if (webhooks.get().pending() > MAX_PENDING_WEBHOOKS) {
            reasons.add("webhookBacklog");
        }
        if (diskLow) {
            reasons.add("diskLow");
        }
        if (journalDiskLow) {
            reasons.add("journalDiskLow");
        }
        if (recognition.get().equals("failed")) {
            reasons.add("speechRecognitionFailed");
        }
        return reasons;
    }

    private synchronized void look() {
        long skipped = skippedTicks.getAsLong();
        pacerBehind = skipped > lastSkipped;
        lastSkipped = skipped;
        diskLow = freeBytes(recordings) < minFreeBytes;
        journalDiskLow = journal.map(file -> freeBytes(file) < minFreeBytes).orElse(false);
        List<String> now = reasons();
        if (!now.equals(lastReasons)) {
            WebhookStats stats = webhooks.get();
            if (now.isEmpty()) {
                LOG.log(Level.INFO, "health: ready again");
            } else {
                LOG.log(Level.WARNING, "health: degraded (" + String.join(", ", now) + "); " + stats.pending()
                        + " callbacks pending");
            }
            lastReasons = now;
        }
    }

    private static long freeBytes(Path path) {
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0; // a disk that cannot be read is not one to record on
        }
    }
}
