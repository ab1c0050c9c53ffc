package io.switchboard.adapter.sip;

import io.switchboard.rtp.ThreadPriority;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that owns all leg state of an adapter: port calls, SIP events, media events and timers hop onto
 * it. A task that throws is logged (the one failure handler of the adapter) and does not stop the tasks after it.
 *
 * <p>Messages from the network ({@link #executeFirst}) go ahead of queued local work (the application's dials,
 * media events): during a burst of set-ups the answer to an INVITE is then acknowledged within milliseconds
 * instead of after every dial queued before it, and the far end has no reason to retransmit it (its timer is 500 ms).
 * Each kind keeps its own order; after {@value #NETWORK_RUN} network tasks in a row one local task runs, so a flood of
 * messages cannot stall the application's commands.
 */
final class SignallingThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    /** A task that may throw: JAIN-SIP's API is full of checked exceptions. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    static final int NETWORK_RUN = 8;

    private final ScheduledExecutorService executor;
    private final Queue<Runnable> network = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> local = new ConcurrentLinkedQueue<>();
    /** Network tasks run since the last local one; the thread's own. */
    private int networkRun;

    SignallingThread(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "switchboard-sip-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the task soon; {@code what} names it in the log if it fails. Ignored once closed. */
    void execute(String what, Task task) {
        enqueue(local, what, task);
    }

    /** Runs a task for a message from the network soon, ahead of queued local work (see above). */
    void executeFirst(String what, Task task) {
        enqueue(network, what, task);
    }

    private void enqueue(Queue<Runnable> queue, String what, Task task) {
        if (!executor.isShutdown()) {
            queue.add(() -> run(what, task));
            executor.execute(this::runNext); // one turn for each task queued: which one runs is chosen then
        }
    }

    private void runNext() {
        Runnable next = networkRun < NETWORK_RUN ? network.poll() : null;
        if (next != null) {
            networkRun++;
        } else {
            networkRun = 0;
            next = local.poll();
            if (next == null) {
                next = network.poll();
            }
        }
        if (next != null) {
            next.run();
        }
    }

    ScheduledFuture<?> schedule(String what, Duration delay, Task task) {
        return executor.schedule(() -> run(what, task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Asks Linux to raise this thread above ordinary ones ({@link ThreadPriority}): in a burst of set-ups on busy
     * cores it then keeps up with the answers and the dials (bench/sip, 5,000 calls at 200/s after a warm-up: a leg's
     * INVITE out p99 7-159 ms after the call asked for it, instead of 0.13-1.8 s). Start only; says what it runs at,
     * for the log.
     */
    String raisePriority() {
        try {
            return call(ThreadPriority::raiseCurrentThread, Duration.ofSeconds(5))
                    .map(why -> "at ordinary priority: " + why).orElse("at nice " + ThreadPriority.NICE);
        } catch (TimeoutException e) {
            return "at ordinary priority: it did not answer in time";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "at ordinary priority: interrupted";
        }
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
