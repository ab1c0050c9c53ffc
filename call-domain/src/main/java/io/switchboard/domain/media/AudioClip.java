package io.switchboard.domain.media;

import java.util.List;
import java.util.Objects;

/**
 * Decoded audio ready to be played: 16-bit linear PCM, mono, at 8,000 samples per second (the G.711 rate).
 *
 * <p>Clips are shared between calls and never changed: {@link #samples()} returns the backing array without a
 * copy so that media engines can read it on their hot path; callers must not write to it.
 */
public final class AudioClip {

    public static final int SAMPLE_RATE = 8000;

    private final String key;
    private final short[] samples;

    public AudioClip(String key, short[] samples) {
        this.key = Objects.requireNonNull(key, "key");
        this.samples = Objects.requireNonNull(samples, "samples");
        if (samples.length == 0) {
            throw new IllegalArgumentException("audio: no samples (expected: at least one sample)");
        }
    }

    /** A clip of the pieces' samples, one after the other. */
    public static AudioClip joined(String key, List<short[]> pieces) {
        short[] samples = new short[pieces.stream().mapToInt(piece -> piece.length).sum()];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, samples, at, piece.length);
            at += piece.length;
        }
        return new AudioClip(key, samples);
    }

    /** Identifies the clip's content, e.g. to cache encodings of it. */
    public String key() {
        return key;
    }

    /** The samples, not copied: read only. */
    public short[] samples() {
        return samples;
    }

    public long durationMillis() {
        return samples.length * 1000L / SAMPLE_RATE;
    }

    @Override
    public String toString() {
        return "AudioClip[" + key + ", " + durationMillis() + " ms]";
    }
}
