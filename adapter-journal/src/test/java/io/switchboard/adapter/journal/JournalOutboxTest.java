package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.EventOutbox.Accepted;
import io.switchboard.application.port.out.EventOutbox.Attempt;
import io.switchboard.application.port.out.EventOutbox.Pending;
import io.switchboard.application.port.out.EventOutbox.State;
import io.switchboard.application.port.out.EventOutbox.Stored;
import io.switchboard.domain.call.CallConnectionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class JournalOutboxTest {

    private static final CallConnectionId CALL_A = CallConnectionId.of("call-a");
    private static final CallConnectionId CALL_B = CallConnectionId.of("call-b");
    private static final URI TARGET = URI.create("http://127.0.0.1:9/events");
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;
    private SqliteJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private JournalOutbox open() {
        journal = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.FULL);
        return JournalOutbox.in(journal);
    }

    private static Accepted event(String id, CallConnectionId call) {
        return new Accepted(id, call, TARGET, ("{\"id\":\"" + id + "\"}").getBytes(UTF_8), AT);
    }

    @Test
    void keepsPendingEventsAndTheirRetryStateAcrossAReopen() {
        // given: three events of two calls, the first retried once, the second delivered
        JournalOutbox outbox = open();
        long first = outbox.append(event("e1", CALL_A)).toCompletableFuture().join();
        long second = outbox.append(event("e2", CALL_B)).toCompletableFuture().join();
        long third = outbox.append(event("e3", CALL_A)).toCompletableFuture().join();
        Instant retryAt = AT.plusSeconds(30);
        outbox.attempted(first, new Attempt(1, AT, OptionalInt.of(503), "HTTP 503", Duration.ofMillis(12),
                State.PENDING, Optional.of(retryAt))).toCompletableFuture().join();
        outbox.attempted(second, new Attempt(1, AT, OptionalInt.of(200), "HTTP 200", Duration.ofMillis(3),
                State.DELIVERED, Optional.empty())).toCompletableFuture().join();
        assertThat(outbox.pendingCount()).isEqualTo(2);

        // when: the journal is closed and opened again
        journal.close();
        JournalOutbox reopened = open();

        // then: the pending ones are there, in order, the first with its attempt and next attempt
        assertThat(reopened.pendingCount()).isEqualTo(2);
        List<Pending> pending = reopened.pending(0, 10).toCompletableFuture().join();
        assertThat(pending).extracting(Pending::seq).containsExactly(first, third);
        assertThat(pending.get(0).failedAttempts()).isEqualTo(1);
        assertThat(pending.get(0).nextAttempt()).contains(retryAt);
        assertThat(pending.get(0).event().eventId()).isEqualTo("e1");
        assertThat(new String(pending.get(0).event().body(), UTF_8)).isEqualTo("{\"id\":\"e1\"}");
        assertThat(pending.get(1).nextAttempt()).isEmpty();
        assertThat(reopened.pending(CALL_A, first, 10).toCompletableFuture().join())
                .extracting(Pending::seq).containsExactly(third);
        assertThat(reopened.pending(first, 1).toCompletableFuture().join())
                .extracting(Pending::seq).containsExactly(third);
    }

    @Test
    void keepsAnEventsDeliverByTimeAcrossAReopen() {
        // given
        JournalOutbox outbox = open();
        Instant ringsUntil = AT.plusSeconds(30);
        Accepted incoming = new Accepted("e1", CALL_A, TARGET, "[]".getBytes(UTF_8), AT, Optional.of(ringsUntil));
        outbox.append(incoming).toCompletableFuture().join();
        outbox.append(event("e2", CALL_A)).toCompletableFuture().join();

        // when
        journal.close();
        JournalOutbox reopened = open();

        // then
        assertThat(reopened.pending(0, 10).toCompletableFuture().join()).extracting(p -> p.event().deliverBy())
                .containsExactly(Optional.of(ringsUntil), Optional.empty());
        assertThat(reopened.history(CALL_A).toCompletableFuture().join()).extracting(e -> e.event().deliverBy())
                .containsExactly(Optional.of(ringsUntil), Optional.empty());
    }

    @Test
    void aJournalWrittenBeforeEventsHadADeliverByTimeGainsItWithItsPendingEventsIntact() throws Exception {
        // given: a journal whose events table is as the first version wrote it, one event pending
        Path file = dir.resolve("journal.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = old.createStatement()) {
            statement.execute("""
                    CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL,
                        call_id TEXT NOT NULL, target TEXT NOT NULL, body BLOB NOT NULL,
                        accepted_at INTEGER NOT NULL, state INTEGER NOT NULL DEFAULT 0,
                        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, settled_at INTEGER)""");
            statement.execute("INSERT INTO events (event_id, call_id, target, body, accepted_at) VALUES "
                    + "('e1', 'call-a', '" + TARGET + "', X'5B5D', " + AT.toEpochMilli() + ")");
            statement.execute("PRAGMA user_version = 1");
        }

        // when
        JournalOutbox outbox = open();
        long seq = outbox.append(new Accepted("e2", CALL_A, TARGET, "[]".getBytes(UTF_8), AT,
                Optional.of(AT.plusSeconds(30)))).toCompletableFuture().join();

        // then
        assertThat(outbox.pending(0, 10).toCompletableFuture().join())
                .extracting(p -> p.event().eventId(), p -> p.event().deliverBy())
                .containsExactly(tuple("e1", Optional.empty()), tuple("e2", Optional.of(AT.plusSeconds(30))));
        assertThat(seq).isEqualTo(2);
    }

    @Test
    void tellsACallsHistoryWithEveryAttemptAndPurgesSettledEventsPastRetention() {
        // given
        JournalOutbox outbox = open();
        long seq = outbox.append(event("e1", CALL_A)).toCompletableFuture().join();
        outbox.append(event("e2", CALL_B)).toCompletableFuture().join();
        outbox.attempted(seq, new Attempt(1, AT, OptionalInt.empty(), "connection refused", Duration.ofMillis(1),
                State.PENDING, Optional.of(AT.plusSeconds(1))));
        outbox.attempted(seq, new Attempt(2, AT.plusSeconds(1), OptionalInt.of(200), "HTTP 200",
                Duration.ofMillis(4), State.DELIVERED, Optional.empty()));

        // when
        List<Stored> history = outbox.history(CALL_A).toCompletableFuture().join();

        // then
        assertThat(history).hasSize(1);
        assertThat(history.get(0).state()).isEqualTo(State.DELIVERED);
        assertThat(history.get(0).attempts()).extracting(Attempt::detail)
                .containsExactly("connection refused", "HTTP 200");
        assertThat(history.get(0).attempts().get(0).status()).isEmpty();
        assertThat(history.get(0).attempts().get(1).status()).hasValue(200);

        // and: purging removes the settled event only once it is past the horizon
        assertThat(outbox.purge(AT).toCompletableFuture().join()).isZero();
        assertThat(outbox.purge(AT.plusSeconds(60)).toCompletableFuture().join()).isEqualTo(1);
        assertThat(outbox.history(CALL_A).toCompletableFuture().join()).isEmpty();
        assertThat(outbox.history(CALL_B).toCompletableFuture().join()).hasSize(1);
    }

    @Test
    void putsAGivenUpEventBackToPendingAcrossAReopenAndOnlyAGivenUpOne() {
        // given: one event given up after two attempts, one delivered
        JournalOutbox outbox = open();
        long givenUp = outbox.append(event("e1", CALL_A)).toCompletableFuture().join();
        long delivered = outbox.append(event("e2", CALL_A)).toCompletableFuture().join();
        outbox.attempted(givenUp, new Attempt(1, AT, OptionalInt.of(503), "HTTP 503", Duration.ofMillis(5),
                State.PENDING, Optional.of(AT.plusSeconds(1)))).toCompletableFuture().join();
        outbox.attempted(givenUp, new Attempt(2, AT.plusSeconds(1), OptionalInt.of(410), "HTTP 410",
                Duration.ofMillis(5), State.GIVEN_UP, Optional.empty())).toCompletableFuture().join();
        outbox.attempted(delivered, new Attempt(1, AT, OptionalInt.of(200), "HTTP 200", Duration.ofMillis(5),
                State.DELIVERED, Optional.empty())).toCompletableFuture().join();
        assertThat(outbox.pendingCount()).isZero();

        // when
        Optional<Pending> requeued = outbox.requeue(givenUp).toCompletableFuture().join();

        // then: pending again, its two attempts counted, due at once; a delivered event is not requeued
        assertThat(requeued).hasValueSatisfying(p -> {
            assertThat(p.seq()).isEqualTo(givenUp);
            assertThat(p.event().eventId()).isEqualTo("e1");
            assertThat(p.failedAttempts()).isEqualTo(2);
            assertThat(p.nextAttempt()).isEmpty();
        });
        assertThat(outbox.requeue(delivered).toCompletableFuture().join()).isEmpty();
        assertThat(outbox.requeue(givenUp).toCompletableFuture().join()).isEmpty(); // pending already
        assertThat(outbox.pendingCount()).isEqualTo(1);

        // and the third attempt delivers it, kept across a reopen
        outbox.attempted(givenUp, new Attempt(3, AT.plusSeconds(60), OptionalInt.of(200), "HTTP 200",
                Duration.ofMillis(5), State.DELIVERED, Optional.empty())).toCompletableFuture().join();
        journal.close();
        JournalOutbox reopened = open();
        assertThat(reopened.pendingCount()).isZero();
        List<Stored> history = reopened.history(CALL_A).toCompletableFuture().join();
        assertThat(history.get(0).state()).isEqualTo(State.DELIVERED);
        assertThat(history.get(0).attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
    }

    @Test
    void refusesAFileThatIsNotAJournalNamingIt() throws Exception {
        // given
        Path file = dir.resolve("journal.db");
        Files.write(file, "this is not a database, it is a text file that someone put here".repeat(100)
                .getBytes(UTF_8));

        // when / then
        assertThatThrownBy(() -> SqliteJournal.open(file, SqliteJournal.Sync.NORMAL))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("move it away");
    }

    @Test
    void refusesAJournalAnotherServerHasOpen() {
        // given
        open();

        // when / then: the same file, opened a second time, is refused while the first holds it
        Path file = dir.resolve("journal.db");
        assertThatThrownBy(() -> SqliteJournal.open(file, SqliteJournal.Sync.NORMAL))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("in use by another Switchboard");
        journal.close();
        SqliteJournal.open(file, SqliteJournal.Sync.NORMAL).close();
    }
}
