package io.switchboard.adapter.media;

/**
 * Converts mono audio to 8 kHz 16-bit PCM with a Kaiser-windowed sinc interpolator that works for any ratio.
 *
 * <p>The kernel is the ideal low-pass at 92.5 % of the lower of the two Nyquist frequencies (3.7 kHz when
 * downsampling to 8 kHz), windowed by Kaiser (beta 7.86, about 80 dB stop band) over ±{@value #HALF_WIDTH} periods of
 * the lower rate: a transition band of about 600 Hz, so that what lies above 4 kHz cannot alias into the telephone
 * band. The kernel is tabulated once and read with linear interpolation at each input sample's exact fractional
 * distance, so ratios like 44100/8000 need no rational approximation. 8 kHz input passes through, only rounded and
 * clipped. Output saturates at the 16-bit limits. Pure and thread-safe.
 */
final class Resampler {

    static final int TARGET_RATE = 8_000;
    static final int HALF_WIDTH = 32;
    private static final double CUTOFF = 0.925;
    private static final double BETA = 7.86;
    private static final int STEPS = 512;
    /** g(u) for u = 0 .. HALF_WIDTH in 1/STEPS, u in periods of the lower rate; one extra 0 for interpolation. */
    private static final float[] KERNEL = kernel();

    private Resampler() {
    }

    static short[] to8k(PcmAudio audio) {
        float[] in = audio.samples();
        int rate = audio.sampleRate();
        if (rate == TARGET_RATE) {
            short[] out = new short[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = clip(in[i]);
            }
            return out;
        }
        int outLength = (int) Math.max(1, Math.round((double) in.length * TARGET_RATE / rate));
        double lowRate = Math.min(rate, TARGET_RATE);
        double step = (double) rate / TARGET_RATE;   // input samples per output sample
        double unitsPerInput = lowRate / rate;         // kernel units (low-rate periods) per input sample
        double reach = HALF_WIDTH / unitsPerInput;     // kernel half-width in input samples
        double gain = lowRate / rate;                  // keeps unity gain when the kernel spans many inputs
        short[] out = new short[outLength];
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int first = Math.max(0, (int) Math.ceil(t - reach));
            int last = Math.min(in.length - 1, (int) Math.floor(t + reach));
            double acc = 0;
            for (int k = first; k <= last; k++) {
                acc += in[k] * kernelAt(Math.abs(t - k) * unitsPerInput);
            }
            out[n] = clip((float) (acc * gain));
        }
        return out;
    }

    private static double kernelAt(double u) {
        double pos = u * STEPS;
        int i = (int) pos;
        if (i >= KERNEL.length - 1) {
            return 0;
        }
        double frac = pos - i;
        return KERNEL[i] + (KERNEL[i + 1] - KERNEL[i]) * frac;
    }

    private static short clip(float v) {
        long r = Math.round((double) v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    private static float[] kernel() {
        int n = HALF_WIDTH * STEPS;
        float[] table = new float[n + 2];
        double i0Beta = besselI0(BETA);
        for (int i = 0; i <= n; i++) {
            double u = (double) i / STEPS;
            double x = CUTOFF * u;
            double sinc = i == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = u / HALF_WIDTH;
            double window = besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            table[i] = (float) (CUTOFF * sinc * window);
        }
        return table;
    }

    /** Zeroth-order modified Bessel function of the first kind, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
