package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import org.sqlite.SQLiteConfig;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls in memory for the live path, each change of what the API shows of a call written to the journal (in the
 * background, group-committed; {@link #flushed} waits for it). Ended calls stay in memory for a while and in the
 * journal for the retention period: a call no longer in memory is read from the file.
 */
public final class JournalCallRegistry implements CallRegistry {

    private static final System.Logger LOG = System.getLogger("io.switchboard.journal");

    private final SqliteJournal journal;
    private final CallRegistry memory;
    private final Clock clock;
    private final Connection reader;
    private final Map<CallConnectionId, String> written = new ConcurrentHashMap<>();
    private final List<Call> leftLive;

    private JournalCallRegistry(SqliteJournal journal, Clock clock, CallRegistry memory, Connection reader,
                                List<Call> leftLive) {
        this.journal = journal;
        this.memory = memory;
        this.clock = clock;
        this.reader = reader;
        this.leftLive = List.copyOf(leftLive);
    }

    /**
     * The registry of the journal; the calls it kept that had not ended are {@link #leftLive()}, and are in memory
     * again until they are ended.
     *
     * @param memory the calls in memory, live and recently ended (older ones are read from the file)
     */
    public static JournalCallRegistry in(SqliteJournal journal, Clock clock, CallRegistry memory) {
        List<Call> live = journal.submit(session -> {
            List<Call> found = new ArrayList<>();
            try (PreparedStatement select = session.connection().prepareStatement(
                    "SELECT id, record FROM calls WHERE ended_at IS NULL");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    try {
                        found.add(CallRecords.read(rows.getString(2)));
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "call " + rows.getString(1) + ": its record in the journal cannot be "
                                + "read (" + e.getMessage() + "); left as it is");
                    }
                }
            }
            return found;
        }).join();
        Connection reader;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            reader = config.createConnection("jdbc:sqlite:" + journal.file());
        } catch (SQLException e) {
            throw new JournalException(journal.file(), "cannot be opened for reading: " + e.getMessage(), e);
        }
        JournalCallRegistry registry = new JournalCallRegistry(journal, clock, memory, reader, live);
        live.forEach(registry.memory::save);
        return registry;
    }

    /** The calls that were live when the server stopped, as last written. */
    @Override
    public List<Call> leftLive() {
        return leftLive;
    }

    @Override
    public void save(Call call) {
        memory.save(call);
        String record = CallRecords.write(call);
        if (record.equals(written.put(call.id(), record))) {
            return;
        }
        boolean ended = call.state().isEnded();
        if (ended) {
            written.remove(call.id());
        }
        Optional<Instant> endedAt = ended ? Optional.of(clock.instant()) : Optional.empty();
        journal.submit(session -> {
            PreparedStatement upsert = session.prepare("INSERT INTO calls (id, ended_at, record) "
                    + "VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, "
                    + "record = excluded.record");
            upsert.setString(1, call.id().value());
            JournalOutbox.setInstant(upsert, 2, endedAt);
            upsert.setString(3, record);
            upsert.executeUpdate();
            return null;
        }).whenComplete((done, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "call " + call.id() + ": not written to the journal: " + error.getMessage());
            }
        });
    }

    @Override
    public Optional<Call> find(CallConnectionId id) {
        Optional<Call> live = memory.find(id);
        return live.isPresent() ? live : fromFile(id);
    }

    private Optional<Call> fromFile(CallConnectionId id) {
        synchronized (reader) {
            try (PreparedStatement select = reader.prepareStatement("SELECT record FROM calls WHERE id = ?")) {
                select.setString(1, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(CallRecords.read(rows.getString(1))) : Optional.empty();
                }
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.ERROR, "call " + id + ": not read from the journal: " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    @Override
    public Optional<CallConnectionId> findByLeg(LegId leg) {
        return memory.findByLeg(leg);
    }

    @Override
    public Optional<CallConnectionId> ownerOf(CallConnectionId connection) {
        return memory.ownerOf(connection);
    }

    @Override
    public List<Call> active() {
        return memory.active();
    }

    @Override
    public CompletionStage<Void> flushed() {
        return journal.flushed();
    }

    /** Deletes the records of calls ended before {@code horizon}; returns how many. */
    public CompletionStage<Integer> purge(Instant horizon) {
        return journal.submit(session -> {
            try (PreparedStatement delete = session.connection().prepareStatement(
                    "DELETE FROM calls WHERE ended_at < ?")) {
                delete.setLong(1, horizon.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    /** Closes the reading connection (the journal is closed by its owner). */
    public void close() {
        synchronized (reader) {
            try {
                reader.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "journal: reader not closed: " + e.getMessage());
            }
        }
    }
}
