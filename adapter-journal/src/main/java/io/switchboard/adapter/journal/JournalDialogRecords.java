package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.DialogRecords;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The open dialogs in the journal. */
public final class JournalDialogRecords implements DialogRecords {

    private static final System.Logger LOG = System.getLogger("io.switchboard.journal");

    private final SqliteJournal journal;

    public JournalDialogRecords(SqliteJournal journal) {
        this.journal = journal;
    }

    @Override
    public void opened(Dialog dialog) {
        journal.submit(session -> {
            PreparedStatement insert = session.prepare("INSERT OR REPLACE INTO dialogs (leg, form) VALUES (?, ?)");
            insert.setString(1, dialog.leg());
            insert.setString(2, dialog.form());
            return insert.executeUpdate();
        }).whenComplete((kept, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "SIP leg " + dialog.leg() + ": dialog not kept in the journal: "
                        + error.getMessage());
            }
        });
    }

    @Override
    public void closed(String leg) {
        journal.submit(session -> {
            PreparedStatement delete = session.prepare("DELETE FROM dialogs WHERE leg = ?");
            delete.setString(1, leg);
            return delete.executeUpdate();
        });
    }

    @Override
    public List<Dialog> leftOpen() {
        return journal.submit(session -> {
            List<Dialog> open = new ArrayList<>();
            try (PreparedStatement select = session.connection().prepareStatement("SELECT leg, form FROM dialogs");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    open.add(new Dialog(rows.getString(1), rows.getString(2)));
                }
            }
            return open;
        }).join();
    }
}
