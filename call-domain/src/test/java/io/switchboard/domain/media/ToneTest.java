package io.switchboard.domain.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToneTest {

    @ParameterizedTest
    @CsvSource({"0,ZERO", "5,FIVE", "9,NINE", "*,STAR", "#,POUND", "A,A", "d,D", "b,B", "!,FLASH"})
    void findsTheToneOfAKeySymbol(char symbol, Tone expected) {
        // when / then
        assertThat(Tone.ofSymbol(symbol)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Tone.class)
    void readsBackItsOwnSymbol(Tone tone) {
        // when / then
        assertThat(Tone.ofSymbol(tone.symbol())).isEqualTo(tone);
    }

    @ParameterizedTest
    @CsvSource({"0,ZERO", "9,NINE", "10,STAR", "11,POUND", "12,A", "15,D", "16,FLASH"})
    void hasTheRfc4733EventCodeOfItsKey(int code, Tone expected) {
        // when / then
        assertThat(Tone.ofEventCode(code)).contains(expected);
        assertThat(expected.eventCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 17, 32})
    void hasNoToneForOtherEventCodes(int code) {
        // when / then: 32 is a fax tone (RFC 4734)
        assertThat(Tone.ofEventCode(code)).isEmpty();
    }

    @Test
    void hasSeventeenDistinctSymbols() {
        // when / then
        assertThat(Tone.values()).extracting(Tone::symbol).doesNotHaveDuplicates().hasSize(17);
    }

    @ParameterizedTest
    @ValueSource(chars = {'E', 'x', ' ', '+', 'p'})
    void rejectsOtherCharactersNamingTheField(char symbol) {
        // when / then
        assertThatThrownBy(() -> Tone.ofSymbol(symbol))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tone: " + symbol + " (expected: one of 0-9 * # A-D !)");
    }
}
