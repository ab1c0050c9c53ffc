package io.switchboard.application.port.out;

/**
 * Where telephony delivers what a leg says, as it says it: 20 ms frames of 16-bit linear PCM at 8 kHz (160
 * samples). Called by one thread at a time, in order (never a media pacer); it must not block.
 */
@FunctionalInterface
public interface AudioSink {

    /** One frame; the array is the caller's and is reused after the call returns. */
    void frame(short[] samples);
}
