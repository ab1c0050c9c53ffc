package io.switchboard.adapter.media;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.media.WavBuilder.sine;
import static io.switchboard.adapter.media.WavBuilder.wav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote speech engine against a local server speaking the OpenAI-compatible speech API: it answers each
 * request with a 16 kHz WAV of 100 ms per character asked for, and refuses the text "fail".
 */
@ExtendWith(VertxExtension.class)
class HttpSpeechSynthesizerTest {

    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer service;
    private HttpSpeechSynthesizer synthesizer;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        service = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (!request.path().equals("/v1/audio/speech")) {
                request.response().setStatusCode(404).end();
                return;
            }
            JsonObject json = body.toJsonObject();
            requests.add(json);
            authorizations.add(String.valueOf(request.getHeader("Authorization")));
            if (json.getString("input").equals("fail")) {
                request.response().setStatusCode(400).end("{\"error\":\"no such voice\"}");
                return;
            }
            int frames = 1600 * json.getString("input").length();
            request.response().putHeader("Content-Type", "audio/wav")
                    .end(Buffer.buffer(wav(WavBuilder.Kind.S16, 16000).build(sine(440, 16000, frames, 0.5))));
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        synthesizer = HttpSpeechSynthesizer.create(vertx, new SpeechServiceConfig(
                URI.create("http://127.0.0.1:" + service.actualPort() + "/"), "tts-1", "alloy", Optional.of("secret"),
                Set.of("en-US", "de-DE"), Duration.ofSeconds(5), 8 * 1024 * 1024));
    }

    @AfterEach
    void stop() throws Exception {
        synthesizer.close();
        service.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static AudioClip done(CompletionStage<AudioClip> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void asksForEachRunOfWordsAndJoinsTheAnswersWithThePausesAt8Kilohertz() throws Exception {
        Speech speech = new Speech(List.of(new Speech.Words("hi", 1.5, 1, 1), new Speech.Pause(Duration.ofMillis(250)),
                new Speech.Words("bye", 1, 1, 1)), Optional.empty(), Optional.empty());

        AudioClip clip = done(synthesizer.synthesize(speech, "k1"));

        assertThat(clip.key()).isEqualTo("tts:k1");
        assertThat(clip.samples()).hasSize(2 * 800 + 2000 + 3 * 800);
        assertThat(requests).extracting(r -> r.getString("input")).containsExactly("hi", "bye");
        assertThat(requests.get(0)).isEqualTo(new JsonObject().put("model", "tts-1").put("voice", "alloy")
                .put("input", "hi").put("response_format", "wav").put("speed", 1.5));
        assertThat(authorizations).containsOnly("Bearer secret");
        assertThat(synthesizer.locales()).containsExactlyInAnyOrder("en-US", "de-DE");
    }

    @Test
    void asksOnceForWhatEveryCallSays() throws Exception {
        Speech speech = new Speech(List.of(new Speech.Words("hello", 1, 1, 1)), Optional.empty(), Optional.empty());

        AudioClip first = done(synthesizer.synthesize(speech, "hello"));
        AudioClip second = done(synthesizer.synthesize(speech, "hello"));

        assertThat(second).isSameAs(first);
        assertThat(requests).hasSize(1);
    }

    @Test
    void failsWithASynthesisFailureNamingTheServicesAnswer() {
        Speech speech = new Speech(List.of(new Speech.Words("fail", 1, 1, 1)), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> done(synthesizer.synthesize(speech, "bad")))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AudioUnavailableException.class)
                .satisfies(e -> {
                    assertThat(((AudioUnavailableException) e).result().subCode()).isEqualTo(8567);
                    assertThat(e.getMessage()).contains("HTTP 400").contains("no such voice");
                });
    }

    @Test
    void failsRatherThanHangsWhenTheSpeechHasNoAudioAtAll() {
        Speech silence = new Speech(List.of(new Speech.Pause(Duration.ZERO)), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> done(synthesizer.synthesize(silence, "nothing")))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AudioUnavailableException.class);
    }
}
