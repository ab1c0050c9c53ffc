package io.switchboard.adapter.speech;

import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Speech;
import io.switchboard.domain.media.Speech.Words;
import io.switchboard.domain.media.Tone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded recognizer, for real: FreeTTS speech, through G.711, recognized by Sphinx4. */
class SphinxRecognizerTest {

    private static final List<Choice> MENU = List.of(
            new Choice("Billing", List.of("billing", "pay my bill"), Optional.of(Tone.ONE)),
            new Choice("Support", List.of("technical support"), Optional.of(Tone.TWO)),
            new Choice("Agent", List.of("speak to an agent", "operator"), Optional.empty()));

    private static FreeTtsSynthesizer voice;
    private static SphinxRecognizer recognizer;

    @BeforeAll
    static void start() {
        voice = FreeTtsSynthesizer.start(1, 1 << 20);
        recognizer = SphinxRecognizer.start(4);
    }

    @AfterAll
    static void stop() {
        voice.close();
        recognizer.close();
    }

    /** {@code text} said, as the telephone line carries it, with half a second of silence either side. */
    static short[] said(String text) throws Exception {
        short[] speech = voice.synthesize(new Speech(List.of(new Words(text, 1, 1, 1)), Optional.empty(),
                Optional.empty()), text).toCompletableFuture().get(30, TimeUnit.SECONDS).samples();
        short[] line = new short[4000 + speech.length + 4000];
        for (int i = 0; i < speech.length; i++) {
            line[4000 + i] = G711.muLawRoundTrip(speech[i]);
        }
        return line;
    }

    private static RecognizedSpeech recognize(short[] samples, List<Choice> choices) throws Exception {
        return recognizer.recognize(new Utterance(samples, choices, Optional.empty())).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void recognizesEachChoiceByItsPhraseAndGivesThePhraseAsWritten() throws Exception {
        assertThat(recognize(said("technical support"), MENU).text()).isEqualTo("technical support");
        assertThat(recognize(said("pay my bill"), MENU).text()).isEqualTo("pay my bill");
        RecognizedSpeech operator = recognize(said("operator"), MENU);
        assertThat(operator.text()).isEqualTo("operator");
        assertThat(operator.confidence().orElseThrow()).isBetween(0.5, 1.0);
    }

    @Test
    void switchesGrammarsBetweenRecognitions() throws Exception {
        List<Choice> yesNo = List.of(new Choice("Yes", List.of("Yes!"), Optional.empty()),
                new Choice("No", List.of("No."), Optional.empty()));

        assertThat(recognize(said("no"), yesNo).text()).isEqualTo("No.");
        assertThat(recognize(said("billing"), MENU).text()).isEqualTo("billing");
        assertThat(recognize(said("yes"), yesNo).text()).isEqualTo("Yes!");
    }

    @Test
    void hearsNoChoiceInSilenceAndStillHearsTheNextOne() throws Exception {
        assertThat(recognize(new short[16000], MENU).text()).isEmpty();
        assertThat(recognize(said("technical support"), MENU).text()).isEqualTo("technical support");
    }

    @Test
    void aChoiceWithUnknownWordsOnlyIsLeftOutOfTheGrammar() throws Exception {
        List<Choice> choices = List.of(new Choice("Odd", List.of("zxqwv"), Optional.of(Tone.ONE)),
                new Choice("Sales", List.of("sales"), Optional.empty()));

        assertThat(recognize(said("sales"), choices).text()).isEqualTo("sales");
    }

    @Test
    void transcribesFreeSpeech() throws Exception {
        RecognizedSpeech heard = recognize(said("i would like to pay my bill"), List.of());

        // the embedded free-speech model is weak: it makes "pay by bill" of this voice
        assertThat(heard.text()).startsWith("i would like to pay");
    }

    @Test
    void aClosedRecognizerFailsWithAReason() {
        SphinxRecognizer closed = SphinxRecognizer.start(1);
        closed.close();

        assertThatThrownBy(() -> closed.recognize(new Utterance(new short[8000], MENU, Optional.empty()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SpeechUnavailableException.class)
                .hasMessageContaining("shut down");
    }

    /** G.711 μ-law, encoded and decoded, as a telephone line carries audio. */
    static final class G711 {
        private G711() {
        }

        static short muLawRoundTrip(short sample) {
            int sign = sample < 0 ? 0x80 : 0;
            int magnitude = Math.min(Math.abs((int) sample), 32635) + 132;
            int exponent = 7;
            for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
                exponent--;
            }
            int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
            int decoded = ((mantissa << 3) + 132 << exponent) - 132;
            return (short) (sign != 0 ? -decoded : decoded);
        }
    }
}
