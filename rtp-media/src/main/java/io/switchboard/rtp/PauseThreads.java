package io.switchboard.rtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM's own threads that every pause of the pacers waits for, moved to the pacers' real-time scheduling: the VM
 * thread, which runs each safepoint's operation, and the collector's parallel workers, which run its stop-the-world
 * phases. While they hold a safepoint every Java thread stands still, the real-time pacers too; at ordinary priority
 * a busy machine (the JIT compiling during a ramp of set-ups, other processes) makes them wait for a core in the
 * middle of it, and the pause of the pacers lasts that much longer. HotSpot names them {@code "VM Thread"} and
 * {@code "GC Thread#N"} (G1's concurrent threads, {@code "G1 Conc#N"} and {@code "G1 Refine#N"}, run beside the
 * application and stay as they are); they are found by name among the process's tasks ({@code /proc/self/task}), and
 * found again every {@value #RESCAN_SECONDS} s, as the collector starts workers only when it needs them.
 *
 * <p>Threading: {@link #raiseNew} is called on this object's own daemon thread (and by tests); {@link #close} from
 * any thread.
 */
final class PauseThreads implements AutoCloseable {

    static final Pattern HOTSPOT_NAMES = Pattern.compile("VM Thread|GC Thread#\\d+");
    static final int RESCAN_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(PauseThreads.class.getName());

    private final Path tasks;
    private final Pattern names;
    private final IntFunction<Optional<String>> raise;
    private final Set<Integer> seen = new HashSet<>();
    private ScheduledExecutorService scanner;

    /**
     * @param tasks the process's tasks, a directory per thread id holding its name in {@code comm}
     * @param names the thread names to raise
     * @param raise moves a thread id to real-time scheduling; empty when granted, else why not
     */
    PauseThreads(Path tasks, Pattern names, IntFunction<Optional<String>> raise) {
        this.tasks = tasks;
        this.names = names;
        this.raise = raise;
    }

    /** This JVM's VM thread and collector workers, raised as {@link RealtimeScheduling} raises a pacer. */
    static PauseThreads ofThisJvm() {
        return new PauseThreads(Path.of("/proc/self/task"), HOTSPOT_NAMES, RealtimeScheduling::raiseThread);
    }

    /** Raises the threads found now, logs what came of it once, then looks for new ones every few seconds. */
    synchronized void start() {
        List<String> first = raiseNew();
        LOG.log(System.Logger.Level.INFO, first.isEmpty()
                ? "no JVM pause thread found in " + tasks + " (a JVM other than HotSpot?)"
                : "JVM pause threads " + String.join(", ", first));
        scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rtp-pause-threads");
            thread.setDaemon(true);
            return thread;
        });
        scanner.scheduleWithFixedDelay(this::raiseNew, RESCAN_SECONDS, RESCAN_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Raises the threads of the wanted names not seen before (each is tried once).
     *
     * @return for each of them, its name and "at real-time priority" or why not
     */
    synchronized List<String> raiseNew() {
        List<String> outcomes = new ArrayList<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                Optional<Integer> id = threadId(thread);
                if (id.isEmpty() || seen.contains(id.get())) {
                    continue;
                }
                Optional<String> name = name(thread);
                if (name.isEmpty()) {
                    continue; // ended meanwhile
                }
                seen.add(id.get());
                if (names.matcher(name.get()).matches()) {
                    Optional<String> refused = raise.apply(id.get());
                    outcomes.add(name.get() + (refused.isEmpty()
                            ? " at real-time priority (SCHED_FIFO " + RealtimeScheduling.PRIORITY + ")"
                            : " at ordinary priority (real-time: " + refused.get() + ")"));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "listing " + tasks + " failed: " + e);
        }
        return outcomes;
    }

    @Override
    public synchronized void close() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    private static Optional<Integer> threadId(Path thread) {
        try {
            return Optional.of(Integer.parseInt(thread.getFileName().toString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> name(Path thread) {
        try {
            return Optional.of(Files.readString(thread.resolve("comm")).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
