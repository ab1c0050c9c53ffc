package io.switchboard.application.port.out;

/**
 * Audio to play into a leg as it arrives: telephony takes one 20 ms frame (160 samples of 16-bit PCM at 8 kHz) each
 * time one is due, and plays silence, or whatever else it plays, when none is queued.
 */
@FunctionalInterface
public interface AudioFeed {

    /**
     * Copies the next queued frame into {@code frame}. Called by telephony's media thread, one call at a time: it
     * must never block.
     *
     * @return whether a frame was queued
     */
    boolean next(short[] frame);
}
