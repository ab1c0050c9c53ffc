package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.UserDirectory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
            PreparedStatement update = session.prepare("UPDATE users SET tokens_valid_from = ? WHERE id = ?");
            update.setLong(1, at.toEpochMilli());
            update.setString(2, userId);
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public CompletionStage<Boolean> delete(String userId) {
        return journal.submit(session -> {
            PreparedStatement delete = session.prepare("DELETE FROM users WHERE id = ?");
            delete.setString(1, userId);
            return delete.executeUpdate() == 1;
        });
    }
}
