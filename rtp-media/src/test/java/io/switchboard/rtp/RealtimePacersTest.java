package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.switchboard.rtp.RecordingMediaListener.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pacers' scheduling, read back from the kernel (/proc/self/task/TID/stat: rt_priority and policy). */
class RealtimePacersTest {

    private static final int SCHED_FIFO = 1;

    @Test
    void pacersRunUnderSchedFifoWhenTheProcessMayElseSayWhyNot() throws Exception {
        MediaConfig config = new MediaConfig("127.0.0.1", 47100, 47199, 2, Duration.ofSeconds(5), true, true);
        assertThat(fifoPacers()).isZero();

        try (MediaEngine engine = MediaEngine.start(config)) {
            if (mayUseRealtime()) {
                assertThat(engine.pacerPriority()).isEqualTo("at real-time priority (SCHED_FIFO 10)");
                assertThat(engine.realtimePacers()).isTrue();
                assertThat(fifoPacers()).isEqualTo(2);
            } else {
                assertThat(engine.pacerPriority()).startsWith("at ordinary priority (real-time: the kernel refused it "
                        + "(EPERM): grant CAP_SYS_NICE");
                assertThat(engine.realtimePacers()).isFalse();
                assertThat(fifoPacers()).isZero();
            }
        }
        assertThat(await(Duration.ofSeconds(5), () -> fifoPacers() == 0)).as("the pacer threads ended").isTrue();
    }

    @Test
    void aRealtimePacerThatTakesAWholeCoreRunsAsAnOrdinaryThreadUntilItNeedsLess() throws Exception {
        assumeTrue(mayUseRealtime(), "needs CAP_SYS_NICE or an RLIMIT_RTPRIO of 10");
        AtomicBoolean burning = new AtomicBoolean(true);
        MediaConfig config = new MediaConfig("127.0.0.1", 47100, 47199, 1, Duration.ofSeconds(5), true, true);
        try (MediaEngine engine = MediaEngine.start(config); RtpTestPeer peer = new RtpTestPeer()) {
            MediaSession session = engine.open(new RecordingMediaListener());
            session.start(peer.address(), 0, 101);
            assertThat(engine.realtimePacers()).isTrue();

            // when: every tick the pacer works 19 of its 20 ms (a fed source that is slow to give its frame)
            session.feed(frame -> {
                long until = System.nanoTime() + 19_000_000L;
                while (burning.get() && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return false;
            });

            // then: it leaves real-time scheduling, and takes it again once it needs less
            assertThat(await(Duration.ofSeconds(10), () -> !engine.realtimePacers() && fifoPacers() == 0)).isTrue();
            burning.set(false);
            assertThat(await(Duration.ofSeconds(15), () -> engine.realtimePacers() && fifoPacers() == 1)).isTrue();
        }
    }

    @Test
    void pacersStayOrdinaryWhenNotAsked() throws Exception {
        try (MediaEngine engine = MediaEngine.start(new MediaConfig("127.0.0.1", 47100, 47199, 1,
                Duration.ofSeconds(5)))) {
            assertThat(engine.pacerPriority()).isEqualTo("at ordinary priority (real-time: not asked)");
            assertThat(fifoPacers()).isZero();
        }
    }

    /** Threads of this process named rtp-pacer-N under SCHED_FIFO at priority 10. */
    private static long fifoPacers() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> read(task.resolve("comm")).startsWith("rtp-pacer-")).filter(task -> {
                String stat = read(task.resolve("stat"));
                // fields after the command's closing parenthesis: state is field 3, rt_priority 40, policy 41
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                return Integer.parseInt(fields[40 - 3]) == RealtimeScheduling.PRIORITY
                        && Integer.parseInt(fields[41 - 3]) == SCHED_FIFO;
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CAP_SYS_NICE (bit 23 of the effective set), or a real-time priority limit of at least 10. */
    private static boolean mayUseRealtime() throws IOException {
        String capabilities = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).trim();
        if ((Long.parseUnsignedLong(capabilities, 16) & (1L << 23)) != 0) {
            return true;
        }
        String limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max realtime priority")).findFirst().orElseThrow()
                .substring("Max realtime priority".length()).trim().split("\\s+")[0];
        return limit.equals("unlimited") || Integer.parseInt(limit) >= RealtimeScheduling.PRIORITY;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }
}
