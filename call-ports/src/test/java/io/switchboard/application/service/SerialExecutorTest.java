package io.switchboard.application.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialExecutorTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final ThreadFactory recordingUncaught = task -> {
        Thread thread = new Thread(task, "worker");
        thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        return thread;
    };
    private final ExecutorService workers = Executors.newFixedThreadPool(3, recordingUncaught);

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.shutdownNow();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsTasksInTheOrderSubmitted() throws InterruptedException {
        // given
        SerialExecutor serial = new SerialExecutor(workers);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);

        // when
        for (int i = 0; i < 100; i++) {
            int n = i;
            serial.execute(() -> {
                ran.add(n);
                done.countDown();
            });
        }

        // then
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void keepsGoingAfterATaskThrows() throws InterruptedException {
        // given
        SerialExecutor serial = new SerialExecutor(workers);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("boom");

        // when
        serial.execute(() -> ran.add("first"));
        serial.execute(() -> {
            throw boom;
        });
        serial.execute(() -> {
            ran.add("third");
            done.countDown();
        });

        // then
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("first", "third");
        assertThat(uncaught).containsExactly(boom);
    }

    @Test
    void runsATaskSubmittedByARunningTaskAfterItNotInsideIt() {
        // given: a delegate that runs on the caller's thread, as the test core's does
        SerialExecutor serial = new SerialExecutor(Runnable::run);
        List<String> ran = new ArrayList<>();

        // when
        serial.execute(() -> {
            ran.add("outer starts");
            serial.execute(() -> ran.add("inner"));
            ran.add("outer ends");
        });

        // then
        assertThat(ran).containsExactly("outer starts", "outer ends", "inner");
    }

    @Test
    void keepsEachExecutorsOrderAndRunsOneTaskAtATimeUnderConcurrentSubmission() throws Exception {
        // given: more calls and submitters than worker threads
        int calls = 8;
        int submitters = 6;
        int tasksPerSubmitterAndCall = 500;
        List<SerialExecutor> executors = new ArrayList<>();
        List<List<int[]>> ran = new ArrayList<>();
        List<AtomicInteger> running = new ArrayList<>();
        AtomicInteger overlaps = new AtomicInteger();
        for (int c = 0; c < calls; c++) {
            executors.add(new SerialExecutor(workers));
            ran.add(new ArrayList<>()); // unsynchronized on purpose: only the call's serial tasks write it
            running.add(new AtomicInteger());
        }
        CountDownLatch done = new CountDownLatch(calls * submitters * tasksPerSubmitterAndCall);
        CyclicBarrier start = new CyclicBarrier(submitters);
        ExecutorService submitting = Executors.newFixedThreadPool(submitters);

        // when
        try {
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                submitting.execute(() -> {
                    await(start);
                    for (int i = 0; i < tasksPerSubmitterAndCall; i++) {
                        for (int c = 0; c < calls; c++) {
                            int call = c;
                            int seq = i;
                            executors.get(call).execute(() -> {
                                if (running.get(call).incrementAndGet() != 1) {
                                    overlaps.incrementAndGet();
                                }
                                ran.get(call).add(new int[] {submitter, seq});
                                running.get(call).decrementAndGet();
                                done.countDown();
                            });
                        }
                    }
                });
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            submitting.shutdownNow();
        }

        // then: per call, each submitter's tasks ran in the order it submitted them, one at a time
        assertThat(overlaps).hasValue(0);
        assertThat(uncaught).isEmpty();
        for (int c = 0; c < calls; c++) {
            List<int[]> log = ran.get(c); // safely read: every write happened before its countDown
            assertThat(log).hasSize(submitters * tasksPerSubmitterAndCall);
            Map<Integer, Integer> lastSeq = new HashMap<>();
            for (int[] entry : log) {
                int previous = lastSeq.getOrDefault(entry[0], -1);
                assertThat(entry[1]).as("call %d, submitter %d", c, entry[0]).isEqualTo(previous + 1);
                lastSeq.put(entry[0], entry[1]);
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
