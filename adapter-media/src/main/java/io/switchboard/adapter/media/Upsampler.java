package io.switchboard.adapter.media;

/** Telephone audio (8 kHz) at 16 kHz, for recognizers whose models want it: linear interpolation. Pure. */
final class Upsampler {

    private Upsampler() {
    }

    static short[] to16k(short[] samples) {
        short[] out = new short[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int next = i + 1 < samples.length ? samples[i + 1] : samples[i];
            out[2 * i] = samples[i];
            out[2 * i + 1] = (short) ((samples[i] + next) / 2);
        }
        return out;
    }
}
