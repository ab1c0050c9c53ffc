package io.switchboard.adapter.journal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
    void flushedDoesNotWaitForTheTransactionOfWorkQueuedAfterIt() throws Exception {
        // given: a first work held on the writer thread, a flush asked, then a second work that will hold the next
        // transaction
        journal = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        CompletableFuture<Object> first = journal.submit(session -> {
            firstRunning.countDown();
            hold(releaseFirst);
            return null;
        });
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> flushed = journal.flushed().toCompletableFuture();
        CompletableFuture<Object> second = journal.submit(session -> {
            hold(releaseSecond);
            return null;
        });

        // when: the first work's transaction commits while the second one is still held
        releaseFirst.countDown();

        // then: the flush completes without the second transaction
        try {
            flushed.get(10, TimeUnit.SECONDS);
            assertThat(first).isDone();
            assertThat(second).isNotDone();
        } finally {
            releaseSecond.countDown();
        }
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
