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
    private final float[] history;
    private int phase; // down: input samples to skip before the next output

    /** @param rate 16000 or 24000 */
    RateConverter(int rate) {
        if (rate % 8_000 != 0 || rate < 16_000) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: 16000 or 24000)");
        }
        this.factor = rate / 8_000;
        this.taps = design(factor);
        this.history = new float[taps.length];
    }

    /** 8 kHz samples at the stream's rate: {@code factor} times as many. */
    short[] up(short[] telephone) {
        short[] out = new short[telephone.length * factor];
        int keep = TAPS_PER_PHASE;
        for (int n = 0; n < telephone.length; n++) {
            System.arraycopy(history, 0, history, 1, keep - 1);
            history[0] = telephone[n];
            for (int p = 0; p < factor; p++) {
                double acc = 0;
                for (int k = 0; k < keep; k++) {
                    acc += taps[k * factor + p] * history[k];
                }
                out[n * factor + p] = clip(acc * factor);
            }
        }
        return out;
    }

    /** Samples at the stream's rate as 8 kHz samples: about one in {@code factor}. */
    short[] down(short[] stream) {
        short[] out = new short[(stream.length + factor) / factor + 1];
        int produced = 0;
        for (short sample : stream) {
            System.arraycopy(history, 0, history, 1, history.length - 1);
            history[0] = sample;
            if (phase == 0) {
                double acc = 0;
                for (int k = 0; k < taps.length; k++) {
                    acc += taps[k] * history[k];
                }
                out[produced++] = clip(acc);
                phase = factor;
            }
            phase--;
        }
        return java.util.Arrays.copyOf(out, produced);
    }

    private static float[] design(int factor) {
        int n = factor * TAPS_PER_PHASE;
        double fc = CUTOFF_HZ / (8_000.0 * factor);
        float[] h = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = i - (n - 1) / 2.0;
            double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
            double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (n - 1));
            h[i] = (float) (sinc * window);
            sum += h[i];
        }
        for (int i = 0; i < n; i++) {
            h[i] /= (float) sum; // unity gain at DC
        }
        return h;
    }

    private static short clip(double sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
    }
}
