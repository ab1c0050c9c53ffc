package io.switchboard.rtp;

/**
 * Audio that arrives while a session plays (e.g. an application's voice streamed back into the call): the session's
 * pacer takes one 20 ms frame of linear PCM at 8 kHz per tick, if one is queued, and mixes it over the session's own
 * prompt. Called on the pacer thread only: it must return at once.
 */
@FunctionalInterface
public interface FrameSource {

    /**
     * Copies the next frame (160 samples) into {@code frame}.
     *
     * @return whether one was queued
     */
    boolean next(short[] frame);
}
