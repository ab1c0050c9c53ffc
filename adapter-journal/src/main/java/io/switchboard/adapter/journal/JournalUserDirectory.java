package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.UserDirectory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The Identity API's users in the journal: they outlive a restart. */
public final class JournalUserDirectory implements UserDirectory {

    private final SqliteJournal journal;

    public JournalUserDirectory(SqliteJournal journal) {
        this.journal = journal;
    }

    @Override
    public CompletionStage<Void> add(String userId, Instant createdAt) {
        return journal.submit(session -> {
            PreparedStatement insert = session.prepare("INSERT INTO users (id, created_at, tokens_valid_from) "
                    + "VALUES (?, ?, ?)");
            insert.setString(1, userId);
            insert.setLong(2, createdAt.toEpochMilli());
            insert.setLong(3, createdAt.toEpochMilli());
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public CompletionStage<Optional<Instant>> tokensValidFrom(String userId) {
        return journal.submit(session -> {
            PreparedStatement select = session.prepare("SELECT tokens_valid_from FROM users WHERE id = ?");
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Instant.ofEpochMilli(row.getLong(1))) : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public CompletionStage<Boolean> revokeTokens(String userId, Instant at) {
        return journal.submit(session -> {
            PreparedStatement grants = session.prepare("DELETE FROM voip_grants WHERE user_id = ? AND issued_at < ?");
            grants.setString(1, userId);
            grants.setLong(2, at.toEpochMilli());
            grants.executeUpdate();
            PreparedStatement update = session.prepare("UPDATE users SET tokens_valid_from = ? WHERE id = ?");
            update.setLong(1, at.toEpochMilli());
            update.setString(2, userId);
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public CompletionStage<Boolean> delete(String userId) {
        return journal.submit(session -> {
            PreparedStatement grants = session.prepare("DELETE FROM voip_grants WHERE user_id = ?");
            grants.setString(1, userId);
            grants.executeUpdate();
            PreparedStatement delete = session.prepare("DELETE FROM users WHERE id = ?");
            delete.setString(1, userId);
            return delete.executeUpdate() == 1;
        });
    }

    /** Also forgets the grants that expired, of every user. */
    @Override
    public CompletionStage<Void> granted(String userId, VoipGrant grant) {
        return journal.submit(session -> {
            PreparedStatement expired = session.prepare("DELETE FROM voip_grants WHERE expires_at <= ?");
            expired.setLong(1, grant.issuedAt().toEpochMilli());
            expired.executeUpdate();
            PreparedStatement insert = session.prepare("INSERT INTO voip_grants (user_id, scopes, issued_at, "
                    + "expires_at) VALUES (?, ?, ?, ?)");
            insert.setString(1, userId);
            insert.setString(2, String.join(" ", grant.scopes()));
            insert.setLong(3, grant.issuedAt().toEpochMilli());
            insert.setLong(4, grant.expiresOn().toEpochMilli());
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public CompletionStage<List<VoipGrant>> grants(String userId, Instant now) {
        return journal.submit(session -> {
            PreparedStatement select = session.prepare("SELECT scopes, issued_at, expires_at FROM voip_grants "
                    + "WHERE user_id = ? AND expires_at > ? ORDER BY issued_at");
            select.setString(1, userId);
            select.setLong(2, now.toEpochMilli());
            List<VoipGrant> grants = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    grants.add(new VoipGrant(List.of(row.getString(1).split(" ")),
                            Instant.ofEpochMilli(row.getLong(2)), Instant.ofEpochMilli(row.getLong(3))));
                }
            }
            return grants;
        });
    }
}
