package io.switchboard.examples.incident;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The message played when no recording is given: three alert beeps (16-bit PCM, mono, 8 kHz WAV), so the
 * reporter runs without any audio file at hand.
 */
final class PromptWav {

    private static final int RATE = 8000;

    private PromptWav() {
    }

    /** Three 880 Hz beeps of 200 ms with 150 ms of silence after each: about one second. */
    static byte[] alert() {
        int beep = RATE / 5;
        int gap = RATE * 150 / 1000;
        int samples = 3 * (beep + gap);
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            boolean sounding = i % (beep + gap) < beep;
            wav.putShort(sounding ? (short) (9000 * Math.sin(2 * Math.PI * 880 * i / RATE)) : 0);
        }
        return wav.array();
    }
}
