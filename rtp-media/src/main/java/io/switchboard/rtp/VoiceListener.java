package io.switchboard.rtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Hands what one session's remote party says to a consumer, as it says it: 20 ms frames of linear PCM at 8 kHz,
 * delivered in order by the engine's writer thread at its first tick after the pacer wrote them; a frame the pacer
 * did not write (a skipped tick) is waited for {@value #DELAY_FRAMES} frames, then delivered as silence. The pacer
 * writes into a {@link RecordingTap} and never waits. For speech recognition and media streams:
 * {@link MediaEngine#listen} opens one, {@link #close} ends it.
 *
 * <p>Threading: thread-safe; the consumer is called on the writer thread only, and must not block.
 */
public final class VoiceListener implements FrameClock {

    /** How long a frame the pacer has not written is waited for before it is handed over as silence. */
    static final int DELAY_FRAMES = 2;
    private static final int FRAME = Codec.FRAME_BYTES;

    private final long originNanos;
    private final Consumer<short[]> consumer;
    private final Runnable onClosed;
    private final RecordingTap tap;
    private volatile boolean closed;
    // writer thread only:
    private final int[] mix = new int[FRAME];
    private final short[] scratch = new short[FRAME];
    private final short[] frame = new short[FRAME];
    private long nextFrame = -1;

    VoiceListener(long originNanos, Consumer<short[]> consumer, Runnable onClosed) {
        this.originNanos = originNanos;
        this.consumer = consumer;
        this.onClosed = onClosed;
        this.tap = new RecordingTap(this, 0);
    }

    /** The tap to hand to {@link MediaSession#listen}. */
    RecordingTap tap() {
        return tap;
    }

    /** Stops delivering: nothing reaches the consumer after the writer's current drain. Idempotent. */
    public void close() {
        if (!closed) {
            closed = true;
            tap.release();
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public long frameAt(long nanoTime) {
        return Math.floorDiv(nanoTime - originNanos, Pacer.PERIOD_NANOS);
    }

    /** Writer thread: hands over the frames now due; once closed, tells the engine it is gone. */
    void drain(long now) {
        if (closed) {
            onClosed.run();
            return;
        }
        long until = frameAt(now) - DELAY_FRAMES;
        if (nextFrame < 0) {
            nextFrame = until;
        }
        // a frame the pacer has written goes at once (its count may run a frame or two ahead of this clock); one it
        // has not is waited for DELAY_FRAMES, then is silence
        for (; (nextFrame < until || tap.holds(nextFrame)) && !closed; nextFrame++) {
            Arrays.fill(mix, 0);
            tap.addTo(nextFrame, mix, scratch);
            for (int i = 0; i < FRAME; i++) {
                frame[i] = Mixer.saturate(mix[i]);
            }
            consumer.accept(frame);
        }
    }

    @Override
    public String toString() {
        return "VoiceListener@" + Integer.toHexString(hashCode());
    }
}
