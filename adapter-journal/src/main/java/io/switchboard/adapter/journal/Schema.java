package io.switchboard.adapter.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journal's tables. Times are unix milliseconds. Events: their body as sent, their state (0 pending,
 * 1 delivered, 2 given up) and delivery state; attempts: one row each; calls: the last record of each call;
 * repeatability: the first responses of repeatable requests; dialogs: the SIP dialogs of answered legs while they
 * last; users: the users created through the Identity API, with when their tokens were last revoked; voip_grants:
 * what their voip tokens were made of (scopes and times, never the token), until they expire; registrations: the
 * device each user registered, while the registration holds. Every table is
 * created if missing at each open, so a journal of an earlier version gains the new ones; a column added later
 * ({@code events.deliver_by}, when an event stops being worth delivering) is nullable and added at open, so the
 * schema's number stays and an earlier version still opens the journal (and leaves the column empty).
 */
final class Schema {

    private Schema() {
    }

    static void create(Statement statement) throws SQLException {
        statement.execute("""
                CREATE TABLE IF NOT EXISTS events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL,
                    call_id TEXT NOT NULL,
                    target TEXT NOT NULL,
                    body BLOB NOT NULL,
                    accepted_at INTEGER NOT NULL,
                    state INTEGER NOT NULL DEFAULT 0,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    settled_at INTEGER,
                    deliver_by INTEGER)""");
        addMissingColumn(statement, "events", "deliver_by", "INTEGER");
        statement.execute("CREATE INDEX IF NOT EXISTS events_pending ON events (seq) WHERE state = 0");
        statement.execute("CREATE INDEX IF NOT EXISTS events_call ON events (call_id, seq)");
        statement.execute("CREATE INDEX IF NOT EXISTS events_settled ON events (settled_at) WHERE state <> 0");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS attempts (
                    seq INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    status INTEGER,
                    detail TEXT NOT NULL,
                    millis INTEGER NOT NULL,
                    state INTEGER NOT NULL,
                    next_attempt_at INTEGER,
                    PRIMARY KEY (seq, number)) WITHOUT ROWID""");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS calls (
                    id TEXT PRIMARY KEY,
                    ended_at INTEGER,
                    record TEXT NOT NULL) WITHOUT ROWID""");
        statement.execute("CREATE INDEX IF NOT EXISTS calls_ended ON calls (ended_at)");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS repeatability (
                    key TEXT PRIMARY KEY,
                    at INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    body TEXT NOT NULL) WITHOUT ROWID""");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS dialogs (
                    leg TEXT PRIMARY KEY,
                    form TEXT NOT NULL) WITHOUT ROWID""");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS users (
                    id TEXT PRIMARY KEY,
                    created_at INTEGER NOT NULL,
                    tokens_valid_from INTEGER NOT NULL) WITHOUT ROWID""");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS voip_grants (
                    user_id TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    issued_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL)""");
        statement.execute("CREATE INDEX IF NOT EXISTS voip_grants_user ON voip_grants (user_id)");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS registrations (
                    user_id TEXT PRIMARY KEY,
                    contact TEXT NOT NULL,
                    source TEXT NOT NULL,
                    expires_at INTEGER NOT NULL) WITHOUT ROWID""");
        statement.execute("PRAGMA user_version = " + SqliteJournal.SCHEMA);
    }

    private static void addMissingColumn(Statement statement, String table, String column, String type)
            throws SQLException {
        try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                if (column.equals(columns.getString("name"))) {
                    return;
                }
            }
        }
        statement.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }
}
