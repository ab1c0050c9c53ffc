package io.switchboard.rtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PauseThreadsTest {

    private static final Path THIS_PROCESS = Path.of("/proc/self/task");

    @TempDir
    Path tasks;

    private final List<Integer> raised = new ArrayList<>();

    @Test
    void raisesTheVmThreadAndTheCollectorsParallelWorkersOnly() throws IOException {
        // given: a process's threads, as /proc lists them
        task(101, "java");
        task(102, "VM Thread");
        task(103, "GC Thread#0");
        task(104, "G1 Conc#0");
        task(105, "G1 Refine#0");
        task(106, "rtp-pacer-0");
        task(107, "GC Thread#1");
        PauseThreads threads = new PauseThreads(tasks, PauseThreads.HOTSPOT_NAMES, this::grant);

        // when
        List<String> outcomes = threads.raiseNew();

        // then
        assertThat(raised).containsExactlyInAnyOrder(102, 103, 107);
        assertThat(outcomes).containsExactlyInAnyOrder("VM Thread at real-time priority (SCHED_FIFO 10)",
                "GC Thread#0 at real-time priority (SCHED_FIFO 10)",
                "GC Thread#1 at real-time priority (SCHED_FIFO 10)");
    }

    @Test
    void raisesAWorkerTheCollectorStartsLaterAndEachThreadOnce() throws IOException {
        // given: the threads found at start were raised
        task(102, "VM Thread");
        task(103, "GC Thread#0");
        PauseThreads threads = new PauseThreads(tasks, PauseThreads.HOTSPOT_NAMES, this::grant);
        threads.raiseNew();

        // when: the collector starts a second worker
        task(108, "GC Thread#1");
        List<String> outcomes = threads.raiseNew();

        // then
        assertThat(raised).containsExactly(102, 103, 108).hasSize(3);
        assertThat(outcomes).containsExactly("GC Thread#1 at real-time priority (SCHED_FIFO 10)");
    }

    @Test
    void saysWhyAThreadStaysAtOrdinaryPriority() throws IOException {
        task(102, "VM Thread");
        PauseThreads threads = new PauseThreads(tasks, PauseThreads.HOTSPOT_NAMES,
                id -> Optional.of("the kernel refused it (EPERM)"));

        assertThat(threads.raiseNew())
                .containsExactly("VM Thread at ordinary priority (real-time: the kernel refused it (EPERM))");
    }

    @Test
    void findsThisJvmsVmThreadAndCollectorWorkerByTheirNames() {
        assumeTrue(Files.isDirectory(THIS_PROCESS), "Linux's /proc");
        assumeTrue(ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("G1 ")), "G1, the collector of a machine of 2 cores or more");
        PauseThreads threads = new PauseThreads(THIS_PROCESS, PauseThreads.HOTSPOT_NAMES, this::grant);

        assertThat(threads.raiseNew()).contains("VM Thread at real-time priority (SCHED_FIFO 10)")
                .anyMatch(outcome -> outcome.startsWith("GC Thread#0 "));
    }

    @Test
    void movesAThreadFoundByItsNameToRealTimeScheduling() throws Exception {
        assumeTrue(Files.isDirectory(THIS_PROCESS), "Linux's /proc");
        // given: a thread of this process with a name of its own
        CountDownLatch done = new CountDownLatch(1);
        Thread waiting = new Thread(() -> awaitQuietly(done), "sb-pause-test");
        waiting.setDaemon(true);
        waiting.start();
        try {
            // when
            List<String> outcomes = new PauseThreads(THIS_PROCESS, Pattern.compile("sb-pause-test"),
                    RealtimeScheduling::raiseThread).raiseNew();

            // then: where the kernel grants it (root, CAP_SYS_NICE or an RLIMIT_RTPRIO), the thread runs under it
            assertThat(outcomes).hasSize(1);
            assumeTrue(outcomes.get(0).contains("at real-time priority"), outcomes.get(0));
            assertThat(policyOf("sb-pause-test")).isEqualTo(1); // SCHED_FIFO
        } finally {
            done.countDown();
        }
    }

    private Optional<String> grant(int threadId) {
        raised.add(threadId);
        return Optional.empty();
    }

    private void task(int id, String name) throws IOException {
        Path task = Files.createDirectories(tasks.resolve(Integer.toString(id)));
        Files.writeString(task.resolve("comm"), name + "\n");
    }

    /** The scheduling policy of this process's thread of that name: field 41 of its {@code stat}. */
    private static int policyOf(String name) throws IOException {
        try (var threads = Files.list(THIS_PROCESS)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                if (Files.readString(thread.resolve("comm")).strip().equals(name)) {
                    String stat = Files.readString(thread.resolve("stat"));
                    String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Integer.parseInt(afterName[41 - 3]);
                }
            }
        }
        throw new AssertionError("no thread named " + name);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
