package io.switchboard.adapter.media;

import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote recognizer against a local server speaking the OpenAI-compatible transcription API: a multipart form
 * with the utterance as a WAV file; it answers with the text the test sets, or refuses.
 */
@ExtendWith(VertxExtension.class)
class HttpSpeechRecognizerTest {

    private static final List<Choice> MENU = List.of(
            new Choice("Billing", List.of("Billing", "pay my bill"), Optional.of(Tone.ONE)),
            new Choice("Support", List.of("technical support"), Optional.empty()),
            new Choice("Agent", List.of(), Optional.empty()));

    @TempDir
    Path uploads;
    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final List<byte[]> files = new CopyOnWriteArrayList<>();
    private volatile String answer = "{\"text\":\" I would like to pay my bill, please. \"}";
    private volatile int status = 200;
    private HttpServer service;
    private HttpSpeechRecognizer recognizer;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        Router router = Router.router(vertx);
        router.post("/v1/audio/transcriptions").handler(BodyHandler.create(uploads.toString()))
                .handler(context -> {
                    forms.add(Map.copyOf(context.request().formAttributes().entries().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
                    for (FileUpload upload : context.fileUploads()) {
                        try {
                            files.add(Files.readAllBytes(Path.of(upload.uploadedFileName())));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                            .end(answer);
                });
        service = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        recognizer = HttpSpeechRecognizer.create(vertx, new RecognitionServiceConfig(
                URI.create("http://127.0.0.1:" + service.actualPort()), "whisper-1", Optional.of("secret"),
                Set.of("en-US", "fr-FR"), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        recognizer.close();
        service.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private RecognizedSpeech recognize(List<Choice> choices, Optional<String> language) throws Exception {
        return recognizer.recognize(new Utterance(new short[] {1, -2, 3, -4}, choices, language))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheUtteranceAsAWavFileAndGivesTheTranscript() throws Exception {
        RecognizedSpeech heard = recognize(List.of(), Optional.of("fr-FR"));

        assertThat(heard.text()).isEqualTo("I would like to pay my bill, please.");
        assertThat(heard.confidence()).isEmpty();
        assertThat(forms).singleElement().isEqualTo(Map.of("model", "whisper-1", "response_format", "json",
                "language", "fr"));
        byte[] wav = files.get(0);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav).hasSize(44 + 8);
        assertThat(wav[44]).isEqualTo((byte) 1);
        assertThat(wav[46]).isEqualTo((byte) -2);
    }

    @Test
    void aChoiceIsThePhraseTheTranscriptSaysOrContains() throws Exception {
        answer = "{\"text\":\"Technical support!\"}";
        assertThat(recognize(MENU, Optional.empty()).text()).isEqualTo("technical support");
        answer = "{\"text\":\"Uh, I want to pay my bill now.\"}";
        assertThat(recognize(MENU, Optional.empty()).text()).isEqualTo("pay my bill");
        answer = "{\"text\":\"agent\"}";
        assertThat(recognize(MENU, Optional.empty()).text()).isEqualTo("Agent");
        answer = "{\"text\":\"the weather\"}";
        assertThat(recognize(MENU, Optional.empty()).text()).isEmpty();
        assertThat(forms.get(0).get("prompt")).isEqualTo("Billing, pay my bill, technical support, Agent");
    }

    @Test
    void aRefusalOrANonsenseAnswerFailsWithTheReason() {
        status = 503;
        answer = "{\"error\":\"overloaded\"}";
        assertThatThrownBy(() -> recognize(List.of(), Optional.empty())).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SpeechUnavailableException.class).hasMessageContaining("HTTP 503")
                .hasMessageContaining("overloaded");
        status = 200;
        answer = "not json";
        assertThatThrownBy(() -> recognize(List.of(), Optional.empty())).hasMessageContaining("not JSON");
    }
}
