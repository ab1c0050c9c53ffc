package io.switchboard.adapter.sip;

import io.switchboard.rtp.MediaConfig;
import io.switchboard.rtp.MediaEngine;
import org.awaitility.Awaitility;

import java.time.Duration;

/**
 * A real media engine on 127.0.0.1 for the adapter under test, and what the tests ask of it: how many sessions and
 * mixes are open. Ports come from a range of this JVM's own (taken ones are skipped), so test runs side by side
 * rarely meet.
 */
final class TestMedia implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(5);

    final MediaEngine engine;

    private TestMedia(MediaEngine engine) {
        this.engine = engine;
    }

    /** An engine whose sessions time out after {@code mediaTimeout} without RTP. */
    static TestMedia start(Duration mediaTimeout) {
        int base = 30_000 + 200 * (int) (ProcessHandle.current().pid() % 50);
        return new TestMedia(MediaEngine.start(new MediaConfig("127.0.0.1", base, base + 199, 1, mediaTimeout)));
    }

    static TestMedia start() {
        return start(Duration.ofSeconds(30));
    }

    /** Waits until exactly {@code count} sessions are open (a leg's media opened, or closed again). */
    void awaitSessions(int count) {
        Awaitility.await(count + " open media sessions").atMost(WAIT).until(() -> engine.activeSessions() == count);
    }

    /** Waits until exactly {@code count} mixes are open. */
    void awaitMixes(int count) {
        Awaitility.await(count + " open mixes").atMost(WAIT).until(() -> engine.activeMixes() == count);
    }

    @Override
    public void close() {
        engine.close();
    }
}
