package io.switchboard.rtp;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one source (a session's received voice, what it hears of its own prompt, a mix's prompt) gives one channel
 * of a {@link MediaRecorder}, or a {@link VoiceListener}: 20 ms frames of linear PCM in a ring of {@value #RING} frames, each stamped with its
 * frame index on the recording's clock, so that sources on different pacer threads line up in the file.
 *
 * <p>Threading: one producer (the pacer thread serving the source) and one consumer (the recorder's writer thread),
 * without locks: a slot is marked empty while it is written and stamped with its index afterwards (release/acquire),
 * and the consumer checks the stamp before and after copying. Nothing is allocated per frame.
 */
public final class RecordingTap {

    static final int RING = 64;
    private static final int FRAME = Codec.FRAME_BYTES;
    /** Frames the producer's own count may drift from the clock before it is set back to it (a pacer move). */
    private static final int RESYNC_FRAMES = 5;
    private static final long EMPTY = -1;

    private final FrameClock recorder;
    private final int channel;
    private final short[] samples = new short[RING * FRAME];
    private final AtomicLongArray stamps = new AtomicLongArray(RING);
    private long next = EMPTY; // producer only
    private long index; // producer only: the frame being written
    private volatile long lastWritten = EMPTY;
    private volatile boolean released;

    RecordingTap(FrameClock recorder, int channel) {
        this.recorder = recorder;
        this.channel = channel;
        for (int i = 0; i < RING; i++) {
            stamps.set(i, EMPTY);
        }
    }

    int channel() {
        return channel;
    }

    /** Producer: one frame of linear samples (160), heard at {@code now}, after {@code skipped} skipped ticks. */
    void write(int[] frame, long now, int skipped) {
        int base = begin(now, skipped);
        for (int i = 0; i < FRAME; i++) {
            samples[base + i] = (short) frame[i];
        }
        end(base);
    }

    /** Producer: one frame of 160 G.711 bytes at the buffer's {@code offset}, decoded with {@code codec}. */
    void writeEncoded(ByteBuffer buffer, int offset, Codec codec, long now, int skipped) {
        int base = begin(now, skipped);
        if (codec == Codec.PCMU) {
            for (int i = 0; i < FRAME; i++) {
                samples[base + i] = MuLaw.decode(buffer.get(offset + i));
            }
        } else {
            for (int i = 0; i < FRAME; i++) {
                samples[base + i] = ALaw.decode(buffer.get(offset + i));
            }
        }
        end(base);
    }

    /** Producer: a frame of silence (e.g. while a DTMF event is sent instead of audio). */
    void writeSilence(long now, int skipped) {
        int base = begin(now, skipped);
        java.util.Arrays.fill(samples, base, base + FRAME, (short) 0);
        end(base);
    }

    private int begin(long now, int skipped) {
        long onClock = recorder.frameAt(now);
        long counted = next + skipped;
        index = next == EMPTY || Math.abs(onClock - counted) > RESYNC_FRAMES ? onClock : counted;
        int slot = (int) Math.floorMod(index, (long) RING);
        stamps.setRelease(slot, EMPTY);
        return slot * FRAME;
    }

    private void end(int base) {
        stamps.setRelease(base / FRAME, index);
        next = index + 1;
        lastWritten = index;
    }

    /**
     * Consumer: adds frame {@code frameIndex} into {@code mix} (160 samples) if this tap holds it, using
     * {@code scratch} to copy it out first.
     *
     * @return whether it held the frame
     */
    boolean addTo(long frameIndex, int[] mix, short[] scratch) {
        int slot = (int) Math.floorMod(frameIndex, (long) RING);
        if (stamps.getAcquire(slot) != frameIndex) {
            return false;
        }
        System.arraycopy(samples, slot * FRAME, scratch, 0, FRAME);
        VarHandle.acquireFence();
        if (stamps.getAcquire(slot) != frameIndex) {
            return false; // overwritten while copied: the writer fell a whole ring behind
        }
        for (int i = 0; i < FRAME; i++) {
            mix[i] += scratch[i];
        }
        return true;
    }

    /** Consumer: whether the ring holds frame {@code frameIndex} (written, not yet overwritten). */
    boolean holds(long frameIndex) {
        return stamps.getAcquire((int) Math.floorMod(frameIndex, (long) RING)) == frameIndex;
    }

    /** The index of the last frame written, {@code -1} if none yet. */
    long lastWritten() {
        return lastWritten;
    }

    /** Any thread: the source writes no more; the recorder drops the tap once it has written its last frame. */
    void release() {
        released = true;
    }

    boolean released() {
        return released;
    }
}
