package io.switchboard.adapter.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignallingThreadTest {

    private final SignallingThread thread = new SignallingThread("test");
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        thread.close();
    }

    @Test
    void runsMessagesFromTheNetworkAheadOfQueuedLocalWorkEachInItsOrder() throws Exception {
        CountDownLatch release = busy();
        thread.execute("dial 1", () -> ran.add("dial 1"));
        thread.execute("dial 2", () -> ran.add("dial 2"));
        thread.executeFirst("200 OK", () -> ran.add("200 OK"));
        thread.executeFirst("BYE", () -> ran.add("BYE"));

        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 4);
        assertThat(ran).containsExactly("200 OK", "BYE", "dial 1", "dial 2");
    }

    @Test
    void letsALocalTaskRunAfterEveryRunOfNetworkTasks() throws Exception {
        CountDownLatch release = busy();
        thread.execute("dial", () -> ran.add("dial"));
        for (int i = 1; i <= SignallingThread.NETWORK_RUN + 2; i++) {
            String name = "message " + i;
            thread.executeFirst(name, () -> ran.add(name));
        }

        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == SignallingThread.NETWORK_RUN + 3);
        assertThat(ran.indexOf("dial")).isEqualTo(SignallingThread.NETWORK_RUN);
        assertThat(ran.subList(SignallingThread.NETWORK_RUN + 1, ran.size()))
                .containsExactly("message " + (SignallingThread.NETWORK_RUN + 1),
                        "message " + (SignallingThread.NETWORK_RUN + 2));
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() {
        thread.executeFirst("broken", () -> {
            throw new IllegalStateException("broken on purpose");
        });
        thread.execute("next", () -> ran.add("next"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.equals(List.of("next")));
    }

    /** Occupies the thread until the latch is released, so that what is queued meanwhile waits. */
    private CountDownLatch busy() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        thread.execute("busy", () -> {
            started.countDown();
            release.await(5, TimeUnit.SECONDS);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void raisesItsOwnThreadAboveOrdinaryOnesWhenTheProcessMayAndNoOtherThread() throws Exception {
        // when
        String priority = thread.raisePriority();

        // then: the signalling thread's nice value, read back from the kernel, and the caller's left as it was
        int nice = thread.call(NiceValues::ofThisThread, Duration.ofSeconds(5));
        if (NiceValues.processMayRaise()) {
            assertThat(priority).isEqualTo("at nice -5");
            assertThat(nice).isEqualTo(-5);
        } else {
            assertThat(priority).startsWith("at ordinary priority: the kernel refused it: grant CAP_SYS_NICE");
            assertThat(nice).isZero();
        }
        assertThat(NiceValues.ofThisThread()).isZero();
    }
}
