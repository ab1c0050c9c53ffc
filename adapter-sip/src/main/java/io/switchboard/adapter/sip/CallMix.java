package io.switchboard.adapter.sip;

import io.switchboard.domain.media.AudioClip;

/**
 * The conference bridge of one call, as signalling drives it: legs {@linkplain LegMedia#join join} it and hear each
 * other and its prompt, never themselves. A narrow view of the media engine's mix, so that signalling can be tested
 * without RTP. Implementations are thread-safe and never block.
 */
interface CallMix {

    /**
     * Plays a prompt to every member, replacing the one in progress (which then gets no callback). {@code finished}
     * runs once, on a media thread, after the last frame of a non-looped prompt.
     */
    void play(Object playbackId, AudioClip clip, boolean loop, Runnable finished);

    /** Stops the prompt {@code playbackId} without callback; ignored if it is not current. */
    void stop(Object playbackId);

    /** Stops the prompt and dissolves the mix: its members send on their own again; idempotent. */
    void close();
}
