package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;

import java.nio.ByteBuffer;

/**
 * What a {@link RtpStream} needs while it is a member of a {@link Mix}: the jitter buffer its received audio goes
 * into, the frame it contributed this tick, and its own prompt as linear PCM. Created on the first join and kept
 * (with its allocations) for later ones.
 *
 * <p>Not thread-safe: confined to the pacer thread of the mix.
 */
final class MixLeg {

    private final JitterBuffer jitter = new JitterBuffer();
    private final int[] received = new int[Mixer.FRAME];
    private final int[] personal = new int[Mixer.FRAME];
    private Mix mix;
    private boolean contributed;
    private int[] prompt = Mixer.SILENCE;

    MixLeg() {
        jitter.floor(JitterBuffer.TAP_DEPTH); // heard by taps only until it joins a mix
    }

    Mix mix() {
        return mix;
    }

    /** Joins a mix (its members hear this leg: a deeper jitter buffer), or leaves it ({@code null}: taps only). */
    void mix(Mix mix) {
        this.mix = mix;
        jitter.floor(mix == null ? JitterBuffer.TAP_DEPTH : JitterBuffer.START_DEPTH);
    }

    /** This tick's frame from the jitter buffer (after {@link #contribute}), heard or not. */
    int[] received() {
        return received;
    }

    /** This tick's frame of the member's own prompt (after {@link #writeMixed}), silence if none plays. */
    int[] prompt() {
        return prompt;
    }

    JitterBuffer jitter() {
        return jitter;
    }

    /** Takes this tick's frame from the jitter buffer; adds it to the total unless muted or silent. */
    void contribute(Mixer mixer, boolean muted) {
        boolean audible = jitter.poll(received);
        contributed = audible && !muted;
        if (contributed) {
            mixer.add(received);
        }
    }

    /**
     * Writes what this member hears at the buffer's position: the total without its own contribution, plus its own
     * prompt if one plays (read from the clip's linear samples, so it is mixed, not substituted) and what is fed to
     * it ({@code fed}, null if nothing).
     *
     * @return the id of a non-looped own playback that just ended, else {@code null}
     */
    MediaOperationId writeMixed(ByteBuffer tx, Codec codec, Playback playback, Mixer mixer, short[] fed) {
        prompt = Mixer.SILENCE;
        MediaOperationId finished = null;
        if (playback.playing()) {
            finished = playback.readFrame(personal);
            prompt = personal;
        }
        if (fed != null) {
            if (prompt == Mixer.SILENCE) {
                java.util.Arrays.fill(personal, 0);
                prompt = personal;
            }
            for (int i = 0; i < Mixer.FRAME; i++) {
                personal[i] += fed[i];
            }
        }
        tx.put(mixer.render(contributed ? received : Mixer.SILENCE, prompt, codec));
        return finished;
    }
}
