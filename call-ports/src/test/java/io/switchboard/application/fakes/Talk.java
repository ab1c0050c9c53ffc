package io.switchboard.application.fakes;

import io.switchboard.application.port.out.AudioSink;

import java.util.Arrays;

/** What a participant says into a listener: silence, a loud 440 Hz tone standing for speech, silence. */
public final class Talk {

    private Talk() {
    }

    /** {@code leadMillis} of silence, {@code speechMillis} of the tone, then {@code tailMillis} of silence. */
    public static void say(AudioSink sink, int leadMillis, int speechMillis, int tailMillis) {
        short[] frame = new short[160];
        for (int i = 0; i < leadMillis / 20; i++) {
            sink.frame(frame);
        }
        for (int f = 0; f < speechMillis / 20; f++) {
            for (int i = 0; i < 160; i++) {
                frame[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (f * 160 + i) / 8000.0));
            }
            sink.frame(frame);
        }
        Arrays.fill(frame, (short) 0);
        for (int i = 0; i < tailMillis / 20; i++) {
            sink.frame(frame);
        }
    }
}
