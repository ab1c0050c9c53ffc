package io.switchboard.adapter.speech;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;
import io.switchboard.domain.media.Speech.Pause;
import io.switchboard.domain.media.Speech.Words;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded engine, for real: FreeTTS speaking into 8 kHz samples. */
class FreeTtsSynthesizerTest {

    private final FreeTtsSynthesizer engine = FreeTtsSynthesizer.start(2, 8 * 1024 * 1024);

    @AfterEach
    void stop() {
        engine.close();
    }

    private static Speech words(String text, double rate) {
        return new Speech(List.of(new Words(text, rate, 1, 1)), Optional.empty(), Optional.empty());
    }

    private static AudioClip done(CompletionStage<AudioClip> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    @Test
    void saysTextAsAudibleSpeechAtEightKilohertz() throws Exception {
        // when
        AudioClip clip = done(engine.synthesize(words("Power is out in your area. Press one to confirm.", 1), "k1"));

        // then: a couple of seconds of speech, loud enough to hear over G.711
        assertThat(clip.key()).isEqualTo("tts:k1");
        assertThat(clip.durationMillis()).isBetween(1500L, 6000L);
        assertThat(rms(clip.samples())).isGreaterThan(500);
    }

    @Test
    void speaksSlowerWhenTheRateIsLower() throws Exception {
        AudioClip normal = done(engine.synthesize(words("one two three four five", 1), "normal"));
        AudioClip slow = done(engine.synthesize(words("one two three four five", 0.5), "slow"));

        assertThat(slow.durationMillis()).isGreaterThan(normal.durationMillis() * 3 / 2);
    }

    @Test
    void insertsPausesAsSilenceOfTheirLength() throws Exception {
        Speech speech = new Speech(List.of(new Words("yes", 1, 1, 1), new Pause(Duration.ofSeconds(2))),
                Optional.empty(), Optional.empty());

        AudioClip clip = done(engine.synthesize(speech, "pause"));
        AudioClip alone = done(engine.synthesize(words("yes", 1), "alone"));

        assertThat(clip.samples().length - alone.samples().length).isEqualTo(16_000);
        assertThat(rms(java.util.Arrays.copyOfRange(clip.samples(), alone.samples().length, clip.samples().length)))
                .isZero();
    }

    @Test
    void synthesizesTheSameSpeechOnceForEveryone() throws Exception {
        AudioClip first = done(engine.synthesize(words("Welcome", 1), "welcome"));
        AudioClip second = done(engine.synthesize(words("Welcome", 1), "welcome"));

        assertThat(second).isSameAs(first);
    }

    @Test
    void failsWithASynthesisFailureOnceClosed() {
        engine.close();

        assertThatThrownBy(() -> done(engine.synthesize(words("late", 1), "late")))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AudioUnavailableException.class)
                .hasMessageContaining("speech could not be synthesized");
    }
}
