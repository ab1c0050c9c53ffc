package io.switchboard.app;

import java.util.logging.LogManager;

/**
 * The JDK's log manager, except that the JVM's shutdown does not silence it: the JDK resets logging from a shutdown
 * hook of its own, which may run before ours, and then the calls ended at shutdown (and the shutdown itself) would
 * not be logged. Ours resets it when the server has stopped ({@link #stopped()}). Named by
 * {@code java.util.logging.manager} before the first logger is made.
 */
public final class ShutdownLogManager extends LogManager {

    private static volatile boolean stopped;

    @Override
    public void reset() {
        if (stopped || !shuttingDown()) {
            super.reset();
        }
    }

    /** The server has stopped: logging may be reset, and is, now. */
    static void stopped() {
        stopped = true;
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof ShutdownLogManager) {
            manager.reset();
        }
    }

    /** Whether the JVM is shutting down: a hook can no longer be added then. */
    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
