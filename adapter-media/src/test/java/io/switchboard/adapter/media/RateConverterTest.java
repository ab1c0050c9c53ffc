package io.switchboard.adapter.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.switchboard.adapter.media.WebSocketMediaStreamsTest.power;
import static io.switchboard.adapter.media.WebSocketMediaStreamsTest.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateConverterTest {

    @Test
    void convertsFrameByFrameExactlyAsInOneGo() {
        short[] speech = tone(700, 8000, 1600, 9000);
        RateConverter whole = new RateConverter(24_000);
        RateConverter framed = new RateConverter(24_000);

        short[] once = whole.up(speech);
        short[] joined = new short[0];
        for (int at = 0; at < speech.length; at += 160) {
            short[] part = framed.up(Arrays.copyOfRange(speech, at, at + 160));
            joined = concat(joined, part);
        }

        assertThat(joined).containsExactly(once);
        assertThat(once).hasSize(4800);
    }

    @Test
    void keepsTheTelephoneBandAndLeavesNoImageAbove() {
        short[] up = new RateConverter(16_000).up(tone(1000, 8000, 8000, 9000));

        assertThat(power(up, 1000, 16_000)).isGreaterThan(power(up, 7000, 16_000) * 1e4);
        assertThat(peak(Arrays.copyOfRange(up, 1000, up.length))).isBetween(8500, 9500);
    }

    @Test
    void downsamplesOddLengthsWithoutLosingSamplesOrAliasing() {
        RateConverter down = new RateConverter(24_000);
        short[] high = tone(440, 24_000, 24_000, 9000);
        short[] low = new short[0];
        for (int at = 0; at < high.length; at += 1000) { // 1000 is no multiple of 3
            low = concat(low, down.down(Arrays.copyOfRange(high, at, at + 1000)));
        }
        short[] aliased = new RateConverter(24_000).down(tone(7000, 24_000, 24_000, 9000));

        assertThat(low).hasSize(8000);
        assertThat(power(low, 440, 8000)).isGreaterThan(power(low, 2000, 8000) * 1e4);
        assertThat(peak(Arrays.copyOfRange(aliased, 100, aliased.length))).as("7 kHz is out of the band")
                .isLessThan(100);
        assertThatThrownBy(() -> new RateConverter(44_100)).hasMessageStartingWith("rate: 44100");
    }

    private static short[] concat(short[] a, short[] b) {
        short[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
