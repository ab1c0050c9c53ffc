package io.switchboard.adapter.sip;

import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtmfInfoTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, ZERO", "9, NINE", "10, STAR", "11, POUND", "12, A", "15, D", "16, FLASH", "*, STAR", "#, POUND",
            "b, B"})
    void readsAKeyAsItsSymbolOrItsRfc4733EventCode(String signal, Tone expected) {
        assertThat(DtmfInfo.tone("application/dtmf-relay", "Signal=" + signal + "\r\nDuration=160\r\n"))
                .isEqualTo(expected);
        assertThat(DtmfInfo.tone("Application/DTMF", " " + signal + "\r\n")).isEqualTo(expected);
    }

    @Test
    void findsTheSignalLineWhereverItIsAndWhateverItsCase() {
        assertThat(DtmfInfo.tone("application/dtmf-relay", "Duration=100\nsignal = 3\n")).isEqualTo(Tone.THREE);
    }

    @Test
    void namesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> DtmfInfo.tone("application/dtmf-relay", "Duration=160"))
                .hasMessage("Signal: none (expected: a line Signal=<key>, e.g. Signal=5)");
        assertThatThrownBy(() -> DtmfInfo.tone("application/dtmf-relay", "Signal=17"))
                .hasMessage("Signal: 17 (expected: a key 0-9 * # A-D, or its RFC 4733 event code 0-16)");
        assertThatThrownBy(() -> DtmfInfo.tone("application/dtmf", "!"))
                .hasMessage("application/dtmf body: ! (expected: a key 0-9 * # A-D, or its RFC 4733 event code 0-16)");
    }

    @Test
    void understandsOnlyTheTwoKeyTypes() {
        assertThat(DtmfInfo.understands("APPLICATION/DTMF-RELAY")).isTrue();
        assertThat(DtmfInfo.understands("application/dtmf")).isTrue();
        assertThat(DtmfInfo.understands("application/sdp")).isFalse();
        assertThat(DtmfInfo.understands("")).isFalse();
    }
}
