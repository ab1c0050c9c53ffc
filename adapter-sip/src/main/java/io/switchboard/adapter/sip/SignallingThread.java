package io.switchboard.adapter.sip;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that owns all leg state of an adapter: port calls, SIP events, media events and timers hop onto
 * it. A task that throws is logged (the one failure handler of the adapter) and does not stop the tasks after it.
 */
final class SignallingThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    /** A task that may throw: JAIN-SIP's API is full of checked exceptions. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final ScheduledExecutorService executor;

    SignallingThread(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "switchboard-sip-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the task soon; {@code what} names it in the log if it fails. Ignored once closed. */
    void execute(String what, Task task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> run(what, task));
        }
    }

    ScheduledFuture<?> schedule(String what, Duration delay, Task task) {
        return executor.schedule(() -> run(what, task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs a task and waits for its result: only for start and close, never from the signalling thread itself. */
    <T> T call(Callable<T> task, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return executor.submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void run(String what, Task task) {
        try {
            task.run();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "SIP: " + what + " failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
