package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Records what a session reports; lets a test wait, boundedly, for it. */
final class RecordingMediaListener implements MediaListener {

    final List<MediaOperationId> finished = new CopyOnWriteArrayList<>();
    final List<Tone> tones = new CopyOnWriteArrayList<>();
    final AtomicInteger timeouts = new AtomicInteger();

    @Override
    public void playbackFinished(MediaOperationId playbackId) {
        finished.add(playbackId);
    }

    @Override
    public void toneReceived(Tone tone) {
        tones.add(tone);
    }

    @Override
    public void mediaTimeout() {
        timeouts.incrementAndGet();
    }

    /** Waits up to {@code timeout} for {@code condition}; returns whether it became true. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
