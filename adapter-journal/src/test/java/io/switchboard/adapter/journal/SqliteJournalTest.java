package io.switchboard.adapter.journal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SqliteJournalTest {

    @TempDir
    Path dir;
    private SqliteJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void copiesCommittedWorkIntoTheDatabaseFileWithinSecondsAndNotInTheWritersCommits() throws Exception {
        // given: an open journal and the size of its database file (the WAL holds what is committed meanwhile)
        Path file = dir.resolve("journal.db");
        journal = SqliteJournal.open(file, SqliteJournal.Sync.NORMAL);
        long before = Files.size(file);

        // when: 256 KiB are committed, far less than the WAL SQLite would copy on its own (1,000 pages)
        journal.submit(session -> {
            try (Statement statement = session.connection().createStatement()) {
                statement.execute("CREATE TABLE scratch (data BLOB)");
            }
            PreparedStatement insert = session.prepare("INSERT INTO scratch (data) VALUES (?)");
            insert.setBytes(1, new byte[256 * 1024]);
            return insert.executeUpdate();
        }).get(10, TimeUnit.SECONDS);

        // then: the writer's connection never copies, and the checkpoints' thread has copied them within seconds
        long autocheckpoint = journal.submit(session -> {
            try (Statement statement = session.connection().createStatement();
                 ResultSet pages = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
                return pages.next() ? pages.getLong(1) : -1L;
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(autocheckpoint).isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.size(file)).isGreaterThan(before + 256 * 1024));
    }

    @Test
    void keepsTheWalWithinItsRestartSizeWhileTheWriterNeverStopsCommitting() throws Exception {
        // given: a journal with one 64 KiB row
        Path file = dir.resolve("journal.db");
        journal = SqliteJournal.open(file, SqliteJournal.Sync.NORMAL);
        byte[] blob = new byte[64 * 1024];
        journal.submit(session -> {
            try (Statement statement = session.connection().createStatement()) {
                statement.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, data BLOB)");
            }
            PreparedStatement insert = session.prepare("INSERT INTO scratch (id, data) VALUES (1, ?)");
            insert.setBytes(1, blob);
            return insert.executeUpdate();
        }).get(10, TimeUnit.SECONDS);

        // when: the row is rewritten every 4 ms for 5 s (about 80 MiB through the WAL, a commit at any moment)
        Path wal = dir.resolve("journal.db-wal");
        long largest = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int round = 0;
        for (long next = System.nanoTime(); next < end; next += TimeUnit.MILLISECONDS.toNanos(4)) {
            LockSupport.parkNanos(next - System.nanoTime());
            byte[] changed = new byte[blob.length];
            Arrays.fill(changed, (byte) ++round); // SQLite writes no page whose content stays the same
            journal.submit(session -> {
                PreparedStatement update = session.prepare("UPDATE scratch SET data = ? WHERE id = 1");
                update.setBytes(1, changed);
                return update.executeUpdate();
            }).get(10, TimeUnit.SECONDS);
            largest = Math.max(largest, Files.exists(wal) ? Files.size(wal) : 0);
        }

        // then: the WAL was restarted: never more than its restart size and a second of writing (16 + 16 MiB)
        assertThat(largest).isLessThan(56L * 1024 * 1024);
    }

    @Test
    void flushedWaitsForTheTransactionOfWhatWasQueuedBeforeIt() throws Exception {
        // given: a work held on the writer thread, so its transaction cannot commit yet
        journal = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> held = journal.submit(session -> {
            running.countDown();
            hold(release);
            return null;
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        // when: the journal is asked to be flushed
        CompletableFuture<Void> flushed = journal.flushed().toCompletableFuture();

        // then: not before the held work's transaction has committed, and at once after
        assertThat(flushed).isNotDone();
        release.countDown();
        flushed.get(10, TimeUnit.SECONDS);
        assertThat(held).isDone();
    }

    @Test
    void flushedCompletesWhenTheWorkBeforeItFailedOnItsOwn() throws Exception {
        // given: a work failing with its own SQL error (its transaction commits the works around it)
        journal = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        CompletableFuture<Object> failing = journal.submit(session -> {
            throw new SQLException("no such table: missing");
        });

        // when: the journal is asked to be flushed
        CompletableFuture<Void> flushed = journal.flushed().toCompletableFuture();

        // then: it completes, and the failure stays the work's own
        flushed.get(10, TimeUnit.SECONDS);
        assertThat(failing).isCompletedExceptionally();
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
