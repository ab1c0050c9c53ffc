package io.switchboard.adapter.media;

/**
 * Converts a stream's audio between telephone rate (8 kHz) and a media stream's 16 or 24 kHz, frame by frame: a
 * windowed-sinc low-pass (Blackman, {@value #TAPS_PER_PHASE} taps per phase, cut at 3.6 kHz) that keeps its history
 * across calls, so that consecutive frames join without clicks. One converter per direction and source: it is not
 * thread-safe.
 */
final class RateConverter {

    static final int TAPS_PER_PHASE = 16;
    private static final double CUTOFF_HZ = 3_600;

    private final int factor;
    private final float[] taps;
    /** For up: per output phase p, its taps oldest input first: {@code phases[p][j] = taps[(T-1-j)*factor + p]}. */
    private final float[][] phases;
    /** The last input samples of the previous call, oldest first, then room for this call's input. */
    private float[] window;
    private final int keep;
    private int phase; // down: input samples to skip before the next output

    /** @param rate 16000 or 24000 */
    RateConverter(int rate) {
        if (rate % 8_000 != 0 || rate < 16_000) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: 16000 or 24000)");
        }
        this.factor = rate / 8_000;
        this.taps = design(factor);
        this.phases = new float[factor][TAPS_PER_PHASE];
        for (int p = 0; p < factor; p++) {
            for (int j = 0; j < TAPS_PER_PHASE; j++) {
                phases[p][j] = taps[(TAPS_PER_PHASE - 1 - j) * factor + p] * factor;
            }
        }
        this.keep = taps.length; // enough history for either direction
        this.window = new float[keep + 480];
    }

    /** 8 kHz samples at the stream's rate: {@code factor} times as many. */
    short[] up(short[] telephone) {
        float[] x = fill(telephone);
        short[] out = new short[telephone.length * factor];
        for (int n = 0; n < telephone.length; n++) {
            int oldest = keep + n - (TAPS_PER_PHASE - 1); // x[oldest .. oldest + T - 1] are inputs n - T + 1 .. n
            for (int p = 0; p < factor; p++) {
                float[] phase = phases[p];
                float acc = 0;
                for (int j = 0; j < TAPS_PER_PHASE; j++) {
                    acc += phase[j] * x[oldest + j];
                }
                out[n * factor + p] = clip(acc);
            }
        }
        slide(telephone.length);
        return out;
    }

    /** Samples at the stream's rate as 8 kHz samples: about one in {@code factor}. */
    short[] down(short[] stream) {
        float[] x = fill(stream);
        short[] out = new short[stream.length / factor + 1];
        int produced = 0;
        for (int n = 0; n < stream.length; n++) {
            if (phase == 0) {
                int newest = keep + n;
                float acc = 0;
                for (int k = 0; k < taps.length; k++) {
                    acc += taps[k] * x[newest - k];
                }
                out[produced++] = clip(acc);
                phase = factor;
            }
            phase--;
        }
        slide(stream.length);
        return produced == out.length ? out : java.util.Arrays.copyOf(out, produced);
    }

    /** The window with {@code input} after the history; grown when the input is longer than any before. */
    private float[] fill(short[] input) {
        if (window.length < keep + input.length) {
            window = java.util.Arrays.copyOf(window, keep + input.length);
        }
        for (int i = 0; i < input.length; i++) {
            window[keep + i] = input[i];
        }
        return window;
    }

    /** Keeps the last {@code keep} samples as the next call's history. */
    private void slide(int length) {
        System.arraycopy(window, length, window, 0, keep);
    }

    private static float[] design(int factor) {
        int n = factor * TAPS_PER_PHASE;
        double fc = CUTOFF_HZ / (8_000.0 * factor);
        float[] h = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = i - (n - 1) / 2.0;
            double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
            double angle = 2 * Math.PI * i / (n - 1);
            double window = 0.42 - 0.5 * Math.cos(angle) + 0.08 * Math.cos(2 * angle);
            h[i] = (float) (sinc * window);
            sum += h[i];
        }
        for (int i = 0; i < n; i++) {
            h[i] /= (float) sum; // unity gain at DC
        }
        return h;
    }

    private static short clip(float sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
    }
}
