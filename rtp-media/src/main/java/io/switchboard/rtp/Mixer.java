package io.switchboard.rtp;

import java.util.Arrays;

/**
 * The arithmetic of a conference tick, in 32-bit integers so that the sum of {@link MediaMix#MAX_MEMBERS} full-scale
 * frames cannot overflow: {@link #clear()}, then {@link #add} every contribution (each unmuted member's frame and
 * the mix's prompt) into the total, then {@link #render} once per member: {@code encode(saturate(total − own +
 * personal))} in that member's codec. Everybody hears everybody else; no member hears itself. O(n) per tick.
 *
 * <p>Not thread-safe: confined to the pacer thread of its mix; {@link #render} returns a buffer reused by the next
 * call. Nothing is allocated per tick.
 */
final class Mixer {

    static final int FRAME = Codec.FRAME_BYTES;
    /** A frame of silence; shared, never written. */
    static final int[] SILENCE = new int[FRAME];

    private final int[] total = new int[FRAME];
    private final byte[] encoded = new byte[FRAME];

    void clear() {
        Arrays.fill(total, 0);
    }

    /** Adds a 160-sample frame of linear PCM to the total. */
    void add(int[] frame) {
        for (int i = 0; i < FRAME; i++) {
            total[i] += frame[i];
        }
    }

    /**
     * The frame one member hears, encoded in {@code codec}.
     *
     * @param own      what this member contributed to the total ({@link #SILENCE} if nothing, e.g. muted)
     * @param personal a prompt played to this member alone ({@link #SILENCE} if none)
     * @return 160 bytes, valid until the next call
     */
    byte[] render(int[] own, int[] personal, Codec codec) {
        if (codec == Codec.PCMU) {
            for (int i = 0; i < FRAME; i++) {
                encoded[i] = MuLaw.encode(saturate(total[i] - own[i] + personal[i]));
            }
        } else {
            for (int i = 0; i < FRAME; i++) {
                encoded[i] = ALaw.encode(saturate(total[i] - own[i] + personal[i]));
            }
        }
        return encoded;
    }

    /** The total's sample {@code i} (tests, diagnostics). */
    int total(int i) {
        return total[i];
    }

    /** Clips to 16 bits: a loud conference distorts rather than wraps around. */
    static short saturate(int sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }
}
