package io.switchboard.adapter.media;

import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.Speech;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed engines, for real: espeak-ng speaks, PocketSphinx hears what it said. Runs where they are installed
 * ({@code apt-get install espeak-ng pocketsphinx pocketsphinx-en-us}, as {@code .ci/run} does).
 */
@ExtendWith(VertxExtension.class)
@EnabledIf("installed")
class InstalledEnginesTest {

    private static final List<Choice> MENU = List.of(
            new Choice("Billing", List.of("billing"), Optional.empty()),
            new Choice("Support", List.of("Technical support"), Optional.empty()),
            new Choice("Sales", List.of("sales"), Optional.empty()));

    static boolean installed() {
        return Programs.installed("espeak-ng") && Programs.installed("pocketsphinx_continuous");
    }

    private static short[] say(EspeakSynthesizer voice, String text) throws Exception {
        AudioClip clip = voice.synthesize(new Speech(List.of(new Speech.Words(text, 1, 1, 1)), Optional.empty(),
                Optional.empty()), text).toCompletableFuture().get(30, TimeUnit.SECONDS);
        short[] line = new short[4000 + clip.samples().length + 4000];
        System.arraycopy(clip.samples(), 0, line, 4000, clip.samples().length);
        return line;
    }

    @Test
    void espeakSpeaksAt8KilohertzAndPocketsphinxHearsTheChoice(Vertx vertx) throws Exception {
        EspeakSynthesizer voice = EspeakSynthesizer.create(vertx, "espeak-ng", "en-us", Set.of("en-US"), 1 << 20);
        try (PocketsphinxRecognizer ears = PocketsphinxRecognizer.start("pocketsphinx_continuous", 1, 8)) {
            short[] said = say(voice, "technical support");

            assertThat(said.length / 8).as("milliseconds of audio").isBetween(1500, 4000);
            assertThat(ears.recognize(new Utterance(said, MENU, Optional.empty())).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).text()).isEqualTo("Technical support");
            assertThat(ears.recognize(new Utterance(new short[8000], MENU, Optional.empty())).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).text()).isEmpty();
        }
    }

    @Test
    void pocketsphinxTranscribesFreeSpeech(Vertx vertx) throws Exception {
        EspeakSynthesizer voice = EspeakSynthesizer.create(vertx, "espeak-ng", "en-us", Set.of("en-US"), 1 << 20);
        try (PocketsphinxRecognizer ears = PocketsphinxRecognizer.start("pocketsphinx_continuous", 1, 8)) {
            String heard = ears.recognize(new Utterance(say(voice, "hello world"), List.of(), Optional.empty()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS).text();

            assertThat(heard).containsAnyOf("hello", "world");
        }
    }
}
