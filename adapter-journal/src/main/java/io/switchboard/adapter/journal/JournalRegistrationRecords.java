package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.RegistrationRecords;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The registered devices in the journal. */
public final class JournalRegistrationRecords implements RegistrationRecords {

    private static final System.Logger LOG = System.getLogger("io.switchboard.journal");

    private final SqliteJournal journal;

    public JournalRegistrationRecords(SqliteJournal journal) {
        this.journal = journal;
    }

    @Override
    public void bound(Registration registration) {
        journal.submit(session -> {
            PreparedStatement insert = session.prepare(
                    "INSERT OR REPLACE INTO registrations (user_id, contact, source, expires_at) VALUES (?, ?, ?, ?)");
            insert.setString(1, registration.user());
            insert.setString(2, registration.contact());
            insert.setString(3, registration.source());
            insert.setLong(4, registration.expires().toEpochMilli());
            return insert.executeUpdate();
        }).whenComplete((kept, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "SIP registrar: the device of " + registration.user() + " not kept in the "
                        + "journal: " + error.getMessage());
            }
        });
    }

    @Override
    public void unbound(String user) {
        journal.submit(session -> {
            PreparedStatement delete = session.prepare("DELETE FROM registrations WHERE user_id = ?");
            delete.setString(1, user);
            return delete.executeUpdate();
        });
    }

    @Override
    public List<Registration> kept(Instant now) {
        return journal.submit(session -> {
            PreparedStatement lapsed = session.prepare("DELETE FROM registrations WHERE expires_at <= ?");
            lapsed.setLong(1, now.toEpochMilli());
            lapsed.executeUpdate();
            List<Registration> kept = new ArrayList<>();
            try (PreparedStatement select = session.connection().prepareStatement(
                    "SELECT user_id, contact, source, expires_at FROM registrations");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    kept.add(new Registration(rows.getString(1), rows.getString(2), rows.getString(3),
                            Instant.ofEpochMilli(rows.getLong(4))));
                }
            }
            return kept;
        }).join();
    }
}
