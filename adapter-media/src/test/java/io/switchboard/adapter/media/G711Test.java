package io.switchboard.adapter.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class G711Test {

    @ParameterizedTest(name = "µ-law 0x{0} is {1}")
    @CsvSource({"00, -32124", "80, 32124", "7F, 0", "FF, 0", "7E, -8", "FE, 8", "70, -120", "0F, -16764"})
    void expandsMuLawToTheReferenceValues(String code, int linear) {
        // given
        int word = Integer.parseInt(code, 16);

        // when
        short value = G711.ulaw(word);

        // then
        assertThat(value).isEqualTo((short) linear);
    }

    @ParameterizedTest(name = "A-law 0x{0} is {1}")
    @CsvSource({"D5, 8", "55, -8", "AA, 32256", "2A, -32256", "D4, 24", "C5, 264", "80, 5504", "00, -5504"})
    void expandsALawToTheReferenceValues(String code, int linear) {
        // given
        int word = Integer.parseInt(code, 16);

        // when
        short value = G711.alaw(word);

        // then
        assertThat(value).isEqualTo((short) linear);
    }

    @Test
    void agreesWithTheJdkCodecsOnAll256CodeWords() throws Exception {
        // given
        short[] jdkUlaw = jdkExpand(AudioFormat.Encoding.ULAW);
        short[] jdkAlaw = jdkExpand(AudioFormat.Encoding.ALAW);

        // when / then
        for (int code = 0; code < 256; code++) {
            assertThat(G711.ulaw(code)).as("µ-law 0x%02X", code).isEqualTo(jdkUlaw[code]);
            assertThat(G711.alaw(code)).as("A-law 0x%02X", code).isEqualTo(jdkAlaw[code]);
        }
    }

    @Test
    void roundTripsThroughTheReferenceEncoderWithinOneQuantizationStep() {
        // given
        short[] values = {0, 1, -1, 100, -100, 1000, -1000, 12345, -12345, 32767, -32768};

        // when / then
        for (short v : values) {
            assertThat((int) G711.ulaw(G711Encoder.ulaw(v))).isCloseTo(v, org.assertj.core.data.Offset.offset(
                    Math.max(8, Math.abs(v) / 16)));
            assertThat((int) G711.alaw(G711Encoder.alaw(v))).isCloseTo(v, org.assertj.core.data.Offset.offset(
                    Math.max(16, Math.abs(v) / 16)));
        }
    }

    private static short[] jdkExpand(AudioFormat.Encoding encoding) throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        AudioInputStream compressed = new AudioInputStream(new ByteArrayInputStream(codes),
                new AudioFormat(encoding, 8000, 8, 1, 1, 8000, false), 256);
        AudioInputStream linear = AudioSystem.getAudioInputStream(
                new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false), compressed);
        byte[] pcm = linear.readAllBytes();
        short[] out = new short[256];
        for (int i = 0; i < 256; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
        }
        return out;
    }
}
