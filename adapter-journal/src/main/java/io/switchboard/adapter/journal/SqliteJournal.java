package io.switchboard.adapter.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The journal file: one SQLite database in WAL mode, written by one thread. Work is queued from any thread and run
 * in order; whatever is queued while a transaction commits goes into the next one (group commit), so a thousand
 * events a second cost a few hundred commits, not a thousand. A work's stage completes once its transaction has
 * committed, on the writer thread, in queue order; {@link #flushed} waits for what is queued without a transaction of
 * its own.
 *
 * <p>Never blocks an event loop or the pacer: callers only queue. {@link #close} runs what is queued, then closes.
 */
public final class SqliteJournal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.switchboard.journal");
    /** The schema this code writes ({@code PRAGMA user_version}). */
    static final int SCHEMA = 1;
    /** Works committed together at most. */
    private static final int BATCH = 512;

    /** How hard a commit is made to last. */
    public enum Sync {
        /** Each commit survives a crash of the process; the last ones may be lost if the machine loses power. */
        NORMAL,
        /** Each commit is on the disk before it completes (fsync): it survives a power loss too. */
        FULL
    }

    /** Work on the journal's connection, run on its thread inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /**
     * The writer's connection, with its statements prepared once and kept: a statement must be used only within the
     * work it was asked for in (never closed by it).
     */
    public static final class Session {

        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Session(Connection connection) {
            this.connection = connection;
        }

        /** The connection, for statements used once (closed by their user). */
        public Connection connection() {
            return connection;
        }

        /** The statement for {@code sql}, prepared on first use; its parameters are cleared. */
        public PreparedStatement prepare(String sql) throws SQLException {
            return prepared(sql, Statement.NO_GENERATED_KEYS);
        }

        /** The statement for an INSERT whose generated key is read, prepared on first use. */
        public PreparedStatement prepareReturningKey(String sql) throws SQLException {
            return prepared(sql, Statement.RETURN_GENERATED_KEYS);
        }

        private PreparedStatement prepared(String sql, int keys) throws SQLException {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql, keys);
                prepared.put(sql, statement);
            } else {
                statement.clearParameters();
            }
            return statement;
        }

        void close() {
            for (PreparedStatement statement : prepared.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "journal: a statement did not close: " + e.getMessage());
                }
            }
            prepared.clear();
        }
    }

    private record Queued<T>(Work<T> work, CompletableFuture<T> done) {
    }


    private final Path file;
    private final Connection connection;
    private final Session session;
    /** Held while open: a second server on the same file would end the first one's calls as left by a stop. */
    private final FileLock lock;
    private final BlockingQueue<Queued<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** The last work of the writer: it closes the file after running it. */
    private final Queued<Void> closing = new Queued<>(c -> null, new CompletableFuture<>());
    private volatile boolean closed;
    /** Guards queueing together with {@link #queuedLast}: the work queued last is the last one in the queue. */
    private final Object queueing = new Object();
    /** The stage of the work queued last. */
    private CompletableFuture<?> queuedLast = CompletableFuture.completedFuture(null);

    private SqliteJournal(Path file, Connection connection, FileLock lock) {
        this.file = file;
        this.connection = connection;
        this.session = new Session(connection);
        this.lock = lock;
        this.writer = new Thread(this::write, "switchboard-journal");
        this.writer.setDaemon(true);
    }

    /**
     * Opens the journal, creating it if the file does not exist, and checks it.
     *
     * @throws JournalException naming the file if it cannot be opened, is not a journal or is damaged
     */
    public static SqliteJournal open(Path file, Sync sync) {
        Path absolute = file.toAbsolutePath();
        boolean existed = Files.exists(absolute);
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new JournalException(absolute, "its directory cannot be created: " + e.getMessage(), e);
        }
        FileLock lock = lock(absolute);
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            release(lock);
            throw new JournalException(absolute, "cannot be opened: " + e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + sync.name());
            statement.execute("PRAGMA busy_timeout=5000");
            if (existed) {
                check(statement, absolute);
            }
            Schema.create(statement);
            connection.setAutoCommit(false);
        } catch (SQLException | JournalException e) {
            close(connection);
            release(lock);
            if (e instanceof JournalException refused) {
                throw refused;
            }
            throw new JournalException(absolute, "is not a Switchboard journal or is damaged (" + e.getMessage()
                    + "); move it away to start with an empty journal (its pending events are then lost), or restore"
                    + " it from a backup", e);
        }
        SqliteJournal journal = new SqliteJournal(absolute, connection, lock);
        journal.writer.start();
        LOG.log(Level.INFO, "journal: " + absolute + " (sync " + sync.name().toLowerCase(Locale.ROOT) + ")");
        return journal;
    }

    /** Locks {@code <file>.lock}, or refuses: another server has the journal open. */
    private static FileLock lock(Path file) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JournalException(file, "cannot be locked (" + lockFile + "): " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) {
            throw new JournalException(file, "cannot be locked (" + lockFile + "): " + e.getMessage(), e);
        } catch (OverlappingFileLockException e) {
            lock = null; // held in this very process
        }
        if (lock == null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "journal: " + lockFile + " not closed: " + e.getMessage());
            }
            throw new JournalException(file, "is in use by another Switchboard (" + lockFile + " is locked); "
                    + "give each server its own SWITCHBOARD_DATA_DIR or SWITCHBOARD_JOURNAL", null);
        }
        return lock;
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "journal: lock not released: " + e.getMessage());
        }
    }

    private static void check(Statement statement, Path file) throws SQLException {
        try (ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = check.next() ? check.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new SQLException("integrity check: " + verdict);
            }
        }
        try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            int found = version.next() ? version.getInt(1) : 0;
            if (found > SCHEMA) {
                throw new JournalException(file, "was written by a newer Switchboard (schema " + found
                        + ", this one knows " + SCHEMA + ")", null);
            }
        }
    }

    /** The journal's file. */
    public Path file() {
        return file;
    }

    /** Queues work; its stage completes once committed, or fails with the work's or the commit's error. */
    public <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("journal " + file + " is closed"));
            return done;
        }
        synchronized (queueing) {
            queue.add(new Queued<>(work, done));
            queuedLast = done;
        }
        return done;
    }

    /**
     * Completes once every work queued before it has ended: its transaction committed (or failed: this stage fails
     * then too). It waits for the transaction of the work queued last, not for one of its own: a request answered
     * once its change is kept waits for the transaction its change is in, not for the next one as well.
     */
    public CompletionStage<Void> flushed() {
        CompletableFuture<?> tail;
        synchronized (queueing) {
            tail = queuedLast;
        }
        return tail.handle((result, error) -> {
            Throwable cause = error instanceof CompletionException wrapped ? wrapped.getCause() : error;
            if (cause instanceof JournalException commitFailed) {
                throw commitFailed;
            }
            return null; // committed; a work's own failure (its SQLException) left the transaction to commit
        });
    }

    private void write() {
        List<Queued<?>> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            boolean last = batch.remove(closing);
            runBatch(batch);
            batch.clear();
            if (last) {
                session.close();
                close(connection);
                release(lock);
                closing.done().complete(null);
                // work queued as the journal closed: refused, never left waiting
                List<Queued<?>> late = new ArrayList<>();
                queue.drainTo(late);
                late.forEach(queued -> queued.done().completeExceptionally(
                        new IllegalStateException("journal " + file + " is closed")));
                return;
            }
        }
    }

    private void runBatch(List<Queued<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> errors = new ArrayList<>(batch.size());
        for (Queued<?> queued : batch) {
            try {
                results.add(queued.work().run(session));
                errors.add(null);
            } catch (SQLException | RuntimeException e) {
                results.add(null);
                errors.add(e);
            }
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "journal " + file + ": commit failed: " + e.getMessage());
            rollback();
            JournalException failed = new JournalException(file, "commit failed: " + e.getMessage(), e);
            batch.forEach(queued -> queued.done().completeExceptionally(failed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i), errors.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Queued<T> queued, Object result, Throwable error) {
        if (error != null) {
            queued.done().completeExceptionally(error);
        } else {
            queued.done().complete((T) result);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "journal " + file + ": rollback failed: " + e.getMessage());
        }
    }

    /** Runs what is queued, then closes the file; waits at most 10 s. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(closing);
        try {
            closing.done().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "journal " + file + " not closed cleanly: " + e.getMessage());
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "journal: closing failed: " + e.getMessage());
        }
    }
}
