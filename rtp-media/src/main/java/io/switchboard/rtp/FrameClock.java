package io.switchboard.rtp;

/** Numbers the 20 ms frames of a recording or a listener from its own origin, so that its taps line up. */
interface FrameClock {

    /** The frame index of {@code nanoTime} on this clock. */
    long frameAt(long nanoTime);
}
