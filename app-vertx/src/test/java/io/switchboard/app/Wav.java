package io.switchboard.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** WAV files for tests: 16-bit PCM mono sine tones. */
final class Wav {

    private Wav() {
    }

    static byte[] tone(int sampleRate, int frequency, int millis) {
        int samples = sampleRate * millis / 1000;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * frequency * i / sampleRate)));
        }
        return wav.array();
    }
}
