package io.switchboard.adapter.sip;

/** The power of single frequencies in decoded audio (the Goertzel algorithm), to tell who hears whom. */
public final class Goertzel {

    private Goertzel() {
    }

    /** The power of {@code hz} in {@code samples} at 8,000 samples per second, in dB (relative, +1 avoids -∞). */
    public static double powerDb(short[] samples, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (short sample : samples) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 10 * Math.log10(power + 1);
    }
}
