package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox in the journal: an event is in the file before its first attempt, and so is every attempt. Pending
 * events are read back by sequence number, so they wait on disk, not on the heap.
 */
public final class JournalOutbox implements EventOutbox {

    private static final State[] STATES = State.values();

    private final SqliteJournal journal;
    private final AtomicLong pending = new AtomicLong();

    private JournalOutbox(SqliteJournal journal, long pendingAtStart) {
        this.journal = journal;
        this.pending.set(pendingAtStart);
    }

    /** The outbox of the journal, counting what it kept pending from before. */
    public static JournalOutbox in(SqliteJournal journal) {
        long left = journal.submit(session -> {
            try (Statement statement = session.connection().createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM events WHERE state = 0")) {
                return count.next() ? count.getLong(1) : 0L;
            }
        }).join();
        return new JournalOutbox(journal, left);
    }

    @Override
    public CompletionStage<Long> append(Accepted event) {
        return journal.submit(session -> {
            PreparedStatement insert = session.prepareReturningKey("INSERT INTO events "
                    + "(event_id, call_id, target, body, accepted_at, deliver_by) VALUES (?, ?, ?, ?, ?, ?)");
            insert.setString(1, event.eventId());
            insert.setString(2, event.callId().value());
            insert.setString(3, event.target().toString());
            insert.setBytes(4, event.body());
            insert.setLong(5, event.acceptedAt().toEpochMilli());
            setInstant(insert, 6, event.deliverBy());
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }).thenApply(seq -> {
            pending.incrementAndGet(); // counted once committed: a failed commit leaves the count as it was
            return seq;
        });
    }

    @Override
    public CompletionStage<Void> attempted(long seq, Attempt attempt) {
        return journal.submit(session -> {
            {
                PreparedStatement insert = session.prepare("INSERT OR REPLACE INTO attempts "
                        + "(seq, number, at, status, detail, millis, state, next_attempt_at) VALUES (?,?,?,?,?,?,?,?)");
                PreparedStatement update = session.prepare("UPDATE events SET state = ?, attempts = ?, "
                        + "next_attempt_at = ?, settled_at = ? WHERE seq = ? AND state = 0");
                insert.setLong(1, seq);
                insert.setInt(2, attempt.number());
                insert.setLong(3, attempt.at().toEpochMilli());
                if (attempt.status().isPresent()) {
                    insert.setInt(4, attempt.status().getAsInt());
                } else {
                    insert.setNull(4, Types.INTEGER);
                }
                insert.setString(5, attempt.detail());
                insert.setLong(6, attempt.took().toMillis());
                insert.setInt(7, attempt.state().ordinal());
                setInstant(insert, 8, attempt.nextAttempt());
                insert.executeUpdate();
                boolean settles = attempt.state() != State.PENDING;
                update.setInt(1, attempt.state().ordinal());
                update.setInt(2, attempt.number());
                setInstant(update, 3, attempt.nextAttempt());
                setInstant(update, 4, settles ? Optional.of(attempt.at().plus(attempt.took())) : Optional.empty());
                update.setLong(5, seq);
                return update.executeUpdate() == 1 && settles;
            }
        }).thenAccept(settled -> {
            if (settled) {
                pending.decrementAndGet(); // once committed
            }
        });
    }

    @Override
    public CompletionStage<Optional<Pending>> requeue(long seq) {
        return journal.submit(session -> {
            PreparedStatement update = session.prepare("UPDATE events SET state = 0, next_attempt_at = NULL, "
                    + "settled_at = NULL WHERE seq = ? AND state = " + State.GIVEN_UP.ordinal());
            update.setLong(1, seq);
            if (update.executeUpdate() == 0) {
                return Optional.<Pending>empty();
            }
            return pendingWhere(session, "state = 0 AND seq >= ?", seq, null, 1).stream().findFirst();
        }).thenApply(found -> {
            found.ifPresent(requeued -> pending.incrementAndGet()); // once committed
            return found;
        });
    }

    @Override
    public CompletionStage<List<Pending>> pending(long after, int limit) {
        return journal.submit(session -> pendingWhere(session, "state = 0 AND seq > ?", after, null, limit));
    }

    @Override
    public CompletionStage<List<Pending>> pending(CallConnectionId call, long after, int limit) {
        return journal.submit(session -> pendingWhere(session, "call_id = ? AND state = 0 AND seq > ?", after,
                call.value(), limit));
    }

    private static List<Pending> pendingWhere(SqliteJournal.Session session, String where, long after, String call,
                                              int limit) throws SQLException {
        {
            PreparedStatement select = session.prepare("SELECT seq, event_id, call_id, target, body, "
                    + "accepted_at, deliver_by, attempts, next_attempt_at FROM events WHERE " + where
                    + " ORDER BY seq LIMIT ?");
            int index = 1;
            if (call != null) {
                select.setString(index++, call);
            }
            select.setLong(index++, after);
            select.setInt(index, limit);
            List<Pending> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Pending(rows.getLong(1), accepted(rows), rows.getInt(8), instant(rows, 9)));
                }
            }
            return found;
        }
    }

    /** The event of a row whose columns 1-7 are those of {@link #pendingWhere}'s query. */
    private static Accepted accepted(ResultSet rows) throws SQLException {
        return new Accepted(rows.getString(2), CallConnectionId.of(rows.getString(3)), URI.create(rows.getString(4)),
                rows.getBytes(5), Instant.ofEpochMilli(rows.getLong(6)), instant(rows, 7));
    }

    @Override
    public long pendingCount() {
        return pending.get();
    }

    @Override
    public CompletionStage<List<Stored>> history(CallConnectionId call) {
        return journal.submit(session -> {
            Map<Long, List<Attempt>> attempts = new HashMap<>();
            try (PreparedStatement select = session.connection().prepareStatement("SELECT a.seq, a.number, a.at, a.status, "
                    + "a.detail, a.millis, a.state, a.next_attempt_at FROM attempts a JOIN events e ON e.seq = a.seq "
                    + "WHERE e.call_id = ? ORDER BY a.seq, a.number")) {
                select.setString(1, call.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int status = rows.getInt(4);
                        OptionalInt answered = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                        attempts.computeIfAbsent(rows.getLong(1), seq -> new ArrayList<>()).add(new Attempt(
                                rows.getInt(2), Instant.ofEpochMilli(rows.getLong(3)), answered, rows.getString(5),
                                Duration.ofMillis(rows.getLong(6)), STATES[rows.getInt(7)], instant(rows, 8)));
                    }
                }
            }
            List<Stored> events = new ArrayList<>();
            try (PreparedStatement select = session.connection().prepareStatement("SELECT seq, event_id, call_id, "
                    + "target, body, accepted_at, deliver_by, state FROM events WHERE call_id = ? ORDER BY seq")) {
                select.setString(1, call.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long seq = rows.getLong(1);
                        events.add(new Stored(seq, accepted(rows), STATES[rows.getInt(8)],
                                attempts.getOrDefault(seq, List.of())));
                    }
                }
            }
            return events;
        });
    }

    /** Deletes settled events (and their attempts) settled before {@code horizon}; returns how many. */
    public CompletionStage<Integer> purge(Instant horizon) {
        return journal.submit(session -> {
            try (PreparedStatement attempts = session.connection().prepareStatement("DELETE FROM attempts WHERE seq IN "
                    + "(SELECT seq FROM events WHERE state <> 0 AND settled_at < ?)");
                 PreparedStatement events = session.connection().prepareStatement(
                         "DELETE FROM events WHERE state <> 0 AND settled_at < ?")) {
                attempts.setLong(1, horizon.toEpochMilli());
                attempts.executeUpdate();
                events.setLong(1, horizon.toEpochMilli());
                return events.executeUpdate();
            }
        });
    }

    @Override
    public CompletionStage<Void> flushed() {
        return journal.flushed();
    }

    @Override
    public boolean durable() {
        return true;
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> at) throws SQLException {
        if (at.isPresent()) {
            statement.setLong(index, at.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    static Optional<Instant> instant(ResultSet rows, int index) throws SQLException {
        long millis = rows.getLong(index);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
