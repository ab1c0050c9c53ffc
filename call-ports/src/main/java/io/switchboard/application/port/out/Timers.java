package io.switchboard.application.port.out;

import java.time.Duration;

/**
 * Runs work after a delay, e.g. a recognition's silence timeouts. Thread-safe and non-blocking. The task runs on
 * some other thread and must itself hop onto the call it concerns; timers are never cancelled, so a task must find
 * out for itself whether it still matters (the domain judges a stale timeout by what happened since).
 */
public interface Timers {

    void schedule(Duration delay, Runnable task);
}
