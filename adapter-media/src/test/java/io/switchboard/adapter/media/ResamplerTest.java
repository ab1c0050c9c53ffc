package io.switchboard.adapter.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResamplerTest {

    private static final float AMPLITUDE = 16384f;

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {4000, 11025, 16000, 22050, 32000, 44100, 48000, 96000, 192000})
    void keepsTheAmplitudeAndFrequencyOfAOneKilohertzTone(int rate) {
        // given
        PcmAudio tone = tone(1000, rate, rate);

        // when
        short[] out = Resampler.to8k(tone);

        // then
        double level = amplitude(out, 1000);
        assertThat(decibels(level / AMPLITUDE)).isCloseTo(0, within(1.0));
        assertThat(strongestFrequency(out, 900, 1100, 5)).isEqualTo(1000);
    }

    @Test
    void attenuatesASixKilohertzToneAt48KilohertzThatWouldAliasToTwoKilohertz() {
        // given
        PcmAudio tone = tone(6000, 48000, 48000);

        // when
        short[] out = Resampler.to8k(tone);

        // then
        assertThat(decibels(amplitude(out, 2000) / AMPLITUDE)).isLessThanOrEqualTo(-40);
        assertThat(decibels(rms(out) / (AMPLITUDE / Math.sqrt(2)))).isLessThanOrEqualTo(-40);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {4000, 11025, 16000, 22050, 44100, 48000})
    void preservesTheDuration(int rate) {
        // given: 1.5 s
        PcmAudio tone = tone(440, rate, rate * 3 / 2);

        // when
        short[] out = Resampler.to8k(tone);

        // then
        assertThat(out.length).isCloseTo(12000, within(1));
    }

    @Test
    void passesEightKilohertzThroughUntouched() {
        // given
        float[] samples = {0, 1, -1, 32767, -32768, 1234, -4321};

        // when
        short[] out = Resampler.to8k(new PcmAudio(samples, 8000));

        // then
        assertThat(out).containsExactly(0, 1, -1, 32767, -32768, 1234, -4321);
    }

    @Test
    void saturatesInsteadOfWrappingAround() {
        // given
        PcmAudio loud = new PcmAudio(new float[]{40000f, -40000f, Float.POSITIVE_INFINITY}, 8000);
        PcmAudio loudTone = tone(1000, 16000, 16000);
        for (int i = 0; i < loudTone.samples().length; i++) {
            loudTone.samples()[i] *= 3;
        }

        // when
        short[] out = Resampler.to8k(loud);
        short[] resampled = Resampler.to8k(loudTone);

        // then
        assertThat(out).containsExactly(32767, -32768, 32767);
        assertThat(resampled).contains((short) 32767, (short) -32768);
    }

    private static PcmAudio tone(double frequency, int rate, int frames) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return new PcmAudio(s, rate);
    }

    /** Goertzel amplitude at {@code frequency} over the middle 6,400 samples (away from the kernel's edge effects). */
    private static double amplitude(short[] x, double frequency) {
        int start = (x.length - 6400) / 2;
        int n = 6400;
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = start; i < start + n; i++) {
            double s0 = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(power) / n;
    }

    private static int strongestFrequency(short[] x, int from, int to, int step) {
        int best = from;
        for (int f = from; f <= to; f += step) {
            if (amplitude(x, f) > amplitude(x, best)) {
                best = f;
            }
        }
        return best;
    }

    private static double rms(short[] x) {
        int start = (x.length - 6400) / 2;
        double sum = 0;
        for (int i = start; i < start + 6400; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / 6400);
    }

    private static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
