package io.switchboard.rtp;

import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class TelephoneEventTest {

    @ParameterizedTest(name = "{0} end={1} volume={2} duration={3} -> {4}")
    @CsvSource({
            "5, false, 10, 160, 050a00a0",
            "5, true, 10, 800, 058a0320",
            "11, true, 7, 1120, 0b870460",
            "16, false, 63, 65535, 103fffff",
    })
    void encodesAndDecodesThePayload(int event, boolean end, int volume, int duration, String hex) {
        ByteBuffer buf = ByteBuffer.allocate(16);

        TelephoneEvent.write(buf, 12, event, end, volume, duration);

        assertThat(HexFormat.of().formatHex(buf.array(), 12, 16)).isEqualTo(hex);
        assertThat(TelephoneEvent.event(buf, 12)).isEqualTo(event);
        assertThat(TelephoneEvent.end(buf, 12)).isEqualTo(end);
        assertThat(TelephoneEvent.volume(buf, 12)).isEqualTo(volume);
        assertThat(TelephoneEvent.duration(buf, 12)).isEqualTo(duration);
    }

    @ParameterizedTest(name = "event {0} is {1}")
    @CsvSource({"0, ZERO", "9, NINE", "10, STAR", "11, POUND", "12, A", "15, D", "16, FLASH"})
    void mapsEventCodesToTones(int event, Tone tone) {
        assertThat(TelephoneEvent.toneOf(event)).isEqualTo(tone);
        assertThat(TelephoneEvent.code(tone)).isEqualTo(event);
    }

    @Test
    void ignoresEventsThatAreNotDtmf() {
        assertThat(TelephoneEvent.toneOf(32)).isNull(); // fax CNG tone, RFC 4734
    }
}
