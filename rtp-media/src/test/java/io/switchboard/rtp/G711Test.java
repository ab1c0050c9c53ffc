package io.switchboard.rtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class G711Test {

    // Reference pairs of ITU-T G.711 as computed by the G.191 software (ulaw_compress / alaw_compress).
    @ParameterizedTest(name = "{0} -> mu {1}, A {2}")
    @CsvSource({
            "0, FF, D5",
            "-1, 7F, 55",
            "1, FF, D5",
            "8, FE, D5",
            "-8, 7E, 55",
            "100, F2, D3",
            "-100, 73, 53",
            "1000, CE, FA",
            "-1000, 4E, 7A",
            "4000, AF, 9A",
            "-4000, 2F, 1A",
            "16000, 90, BA",
            "32767, 80, AA",
            "-32768, 00, 2A",
    })
    void encodesReferenceValues(short sample, String mu, String a) {
        assertThat(MuLaw.encode(sample) & 0xFF).isEqualTo(Integer.parseInt(mu, 16));
        assertThat(ALaw.encode(sample) & 0xFF).isEqualTo(Integer.parseInt(a, 16));
    }

    @ParameterizedTest(name = "{0} -> mu {1}, A {2}")
    @CsvSource({
            "FF, 0, 848",
            "7F, 0, -848",
            "80, 32124, 5504",
            "00, -32124, -5504",
            "CE, 988, 440",
            "D5, 716, 8",
            "55, -716, -8",
            "AA, 5372, 32256",
            "2A, -5372, -32256",
    })
    void decodesReferenceValues(String code, short mu, short a) {
        byte b = (byte) Integer.parseInt(code, 16);
        assertThat(MuLaw.decode(b)).isEqualTo(mu);
        assertThat(ALaw.decode(b)).isEqualTo(a);
    }

    @Test
    void silenceIsTheEncodingOfZero() {
        assertThat(MuLaw.encode((short) 0)).isEqualTo(MuLaw.SILENCE).isEqualTo((byte) 0xFF);
        assertThat(ALaw.encode((short) 0)).isEqualTo(ALaw.SILENCE).isEqualTo((byte) 0xD5);
    }

    @Test
    void roundTripErrorStaysWithinHalfAQuantisationStepForAllInputs() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            // G.711 steps are about 1/16 of the magnitude (half a step: 1/32), plus the smallest half step.
            int mu = MuLaw.decode(MuLaw.encode((short) x));
            int a = ALaw.decode(ALaw.encode((short) x));
            assertThat(Math.abs(mu - x)).as("mu-law error at %d", x).isLessThanOrEqualTo(Math.abs(x) / 32 + 5);
            assertThat(Math.abs(a - x)).as("A-law error at %d", x).isLessThanOrEqualTo(Math.abs(x) / 32 + 8);
        }
    }

    @Test
    void quantisationIsMonotonic() {
        int previousMu = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int mu = MuLaw.decode(MuLaw.encode((short) x));
            int a = ALaw.decode(ALaw.encode((short) x));
            assertThat(mu).as("mu-law at %d", x).isGreaterThanOrEqualTo(previousMu);
            assertThat(a).as("A-law at %d", x).isGreaterThanOrEqualTo(previousA);
            previousMu = mu;
            previousA = a;
        }
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            // mu-law has two zeros (0x7F "-0" and 0xFF "+0"); the encoder always produces +0.
            int expectedMu = code == 0x7F ? 0xFF : code;
            assertThat(MuLaw.encode(MuLaw.decode(b)) & 0xFF).as("mu-law code %02X", code).isEqualTo(expectedMu);
            assertThat(ALaw.encode(ALaw.decode(b)) & 0xFF).as("A-law code %02X", code).isEqualTo(code);
        }
    }

    @Test
    void encodesWholeFramesPaddedWithSilence() {
        short[] samples = new short[161];
        samples[160] = 1000;

        byte[] mu = Codec.PCMU.encode(samples);
        byte[] a = Codec.PCMA.encode(samples);

        assertThat(mu).hasSize(320);
        assertThat(mu[160]).isEqualTo((byte) 0xCE);
        assertThat(mu[161]).isEqualTo((byte) 0xFF);
        assertThat(mu[319]).isEqualTo((byte) 0xFF);
        assertThat(a).hasSize(320);
        assertThat(a[160]).isEqualTo((byte) 0xFA);
        assertThat(a[319]).isEqualTo((byte) 0xD5);
    }
}
