package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.RepeatableResponses;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The first responses of repeatable requests in the journal. Those younger than the retention given are read when it
 * is made (so that no event loop waits for the file later), older ones deleted.
 */
public final class JournalRepeatableResponses implements RepeatableResponses {

    private static final System.Logger LOG = System.getLogger("io.switchboard.journal");

    private final SqliteJournal journal;
    private final List<Response> atStart;

    private JournalRepeatableResponses(SqliteJournal journal, List<Response> atStart) {
        this.journal = journal;
        this.atStart = List.copyOf(atStart);
    }

    /** Reads the responses kept after {@code horizon} (blocks), deleting older ones. */
    public static JournalRepeatableResponses in(SqliteJournal journal, Instant horizon) {
        return new JournalRepeatableResponses(journal, read(journal, horizon));
    }

    @Override
    public List<Response> since(Instant horizon) {
        return atStart.stream().filter(response -> response.at().isAfter(horizon)).toList();
    }

    private static List<Response> read(SqliteJournal journal, Instant horizon) {
        return journal.submit(session -> {
            try (PreparedStatement delete = session.connection().prepareStatement("DELETE FROM repeatability WHERE at < ?")) {
                delete.setLong(1, horizon.toEpochMilli());
                delete.executeUpdate();
            }
            List<Response> kept = new ArrayList<>();
            try (PreparedStatement select = session.connection().prepareStatement(
                    "SELECT key, at, status, body FROM repeatability ORDER BY at");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    kept.add(new Response(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getInt(3),
                            rows.getString(4)));
                }
            }
            return kept;
        }).join();
    }

    @Override
    public void keep(Response response) {
        journal.submit(session -> {
            PreparedStatement insert = session.prepare(
                    "INSERT OR REPLACE INTO repeatability (key, at, status, body) VALUES (?, ?, ?, ?)");
            insert.setString(1, response.key());
            insert.setLong(2, response.at().toEpochMilli());
            insert.setInt(3, response.status());
            insert.setString(4, response.body());
            return insert.executeUpdate();
        }).whenComplete((kept, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "repeatable request " + response.key() + ": response not kept in the journal: "
                        + error.getMessage());
            }
        });
    }
}
