package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;

import java.nio.ByteBuffer;

/** Tones to send and play, and the Goertzel measure of what came out, for the engine's audio tests. */
final class TestAudio {

    static final int PCMU = 0;

    private TestAudio() {
    }

    /** Goertzel: the power at {@code frequency} in dB (plus one, so that digital silence is 0 dB, not -infinity). */
    static double db(short[] samples, int frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / 8000.0);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 10 * Math.log10(power / samples.length + 1);
    }

    static AudioClip tone(String key, int frequency, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * frequency * i / 8000.0));
        }
        return new AudioClip(key, pcm);
    }

    /** RTP packet {@code tick} of a G.711 tone of {@code frequency} Hz (0: silence), 20 ms, SSRC by frequency. */
    static byte[] frame(int payloadType, int tick, int frequency) {
        ByteBuffer buf = ByteBuffer.allocate(172);
        RtpPacket.writeHeader(buf, tick == 0, payloadType, tick, tick * 160, 0x5678 + frequency);
        for (int i = 0; i < 160; i++) {
            int n = tick * 160 + i;
            short sample = (short) (frequency == 0 ? 0 : 6000 * Math.sin(2 * Math.PI * frequency * n / 8000.0));
            buf.put(12 + i, payloadType == PCMU ? MuLaw.encode(sample) : ALaw.encode(sample));
        }
        return buf.array();
    }
}
