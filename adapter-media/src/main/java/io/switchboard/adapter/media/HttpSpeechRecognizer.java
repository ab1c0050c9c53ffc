package io.switchboard.adapter.media;

import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.RecognizedSpeech;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Speech recognized by a remote service speaking the OpenAI-compatible API: each utterance is one
 * {@code POST /v1/audio/transcriptions} (multipart: the utterance as a WAV file, 16-bit 8 kHz mono, {@code model},
 * {@code language} from the recognition's language, {@code response_format: json}; for choices, their phrases as the
 * {@code prompt}, which such services use to favour those words). The answer's {@code text} is the free speech; for
 * choices, the phrase (as written) that the text says, ignoring case and punctuation, or else one the text contains
 * (the longest), or none. Such services give no confidence: results are unscored.
 *
 * <p>Threading: never blocks; requests on an event loop. A refusal, a timeout or an answer without {@code text}
 * fails the stage with {@link SpeechUnavailableException} (8564).
 */
public final class HttpSpeechRecognizer implements SpeechRecognizer {

    private static final System.Logger LOG = System.getLogger(HttpSpeechRecognizer.class.getName());
    private static final long MAX_ANSWER_BYTES = 1024 * 1024;

    private final Vertx vertx;
    private final RecognitionServiceConfig config;
    private final HttpClientAgent client;

    private HttpSpeechRecognizer(Vertx vertx, RecognitionServiceConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(HttpDownloader.CONNECT_TIMEOUT_MILLIS));
    }

    /** Creates the recognizer and its HTTP client; {@link #close} it at stop. */
    public static HttpSpeechRecognizer create(Vertx vertx, RecognitionServiceConfig config) {
        return new HttpSpeechRecognizer(Objects.requireNonNull(vertx, "vertx"),
                Objects.requireNonNull(config, "config"));
    }

    @Override
    public Set<String> locales() {
        return config.locales();
    }

    @Override
    public CompletionStage<RecognizedSpeech> recognize(Utterance utterance) {
        CompletableFuture<RecognizedSpeech> result = new CompletableFuture<>();
        vertx.runOnContext(ignored -> transcribe(utterance).onComplete(done -> {
            if (done.succeeded()) {
                result.complete(heard(done.result(), utterance.choices()));
            } else {
                LOG.log(Level.WARNING, "recognition service: " + done.cause().getMessage());
                result.completeExceptionally(new SpeechUnavailableException("the recognition service at "
                        + config.where() + ": " + done.cause().getMessage()));
            }
        }));
        return result;
    }

    /** Stops the HTTP client; does not block. */
    public void close() {
        client.close();
    }

    private Future<String> transcribe(Utterance utterance) {
        String boundary = "switchboard-" + UUID.randomUUID();
        Buffer body = Buffer.buffer();
        field(body, boundary, "model", config.model());
        field(body, boundary, "response_format", "json");
        utterance.language().map(language -> language.split("-")[0].toLowerCase(Locale.ROOT))
                .ifPresent(language -> field(body, boundary, "language", language));
        if (!utterance.choices().isEmpty()) {
            field(body, boundary, "prompt", utterance.choices().stream().flatMap(c -> Utterance.phrasesOf(c).stream())
                    .collect(Collectors.joining(", ")));
        }
        body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"utterance.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
        body.appendBytes(wav(utterance.samples())).appendString("\r\n--" + boundary + "--\r\n");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.transcriptionsUri().toString()).setIdleTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
        config.apiKey().ifPresent(key -> options.putHeader("Authorization", "Bearer " + key));
        return client.request(options)
                .compose(http -> http.send(body))
                .compose(response -> response.statusCode() / 100 == 2 ? response.body()
                        : response.body().compose(answer -> Future.failedFuture("HTTP " + response.statusCode()
                        + " " + abbreviated(answer))))
                .timeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .compose(answer -> {
                    if (answer.length() > MAX_ANSWER_BYTES) {
                        return Future.failedFuture("an answer over " + MAX_ANSWER_BYTES + " bytes");
                    }
                    try {
                        String text = new JsonObject(answer).getString("text");
                        return text == null ? Future.failedFuture("an answer without text: " + abbreviated(answer))
                                : Future.succeededFuture(text.trim());
                    } catch (RuntimeException e) {
                        return Future.failedFuture("an answer that is not JSON: " + abbreviated(answer));
                    }
                });
    }

    /** Free speech as transcribed; for choices, the phrase the transcript says or contains, else empty text. */
    static RecognizedSpeech heard(String text, List<Choice> choices) {
        if (choices.isEmpty()) {
            return RecognizedSpeech.unscored(text);
        }
        String said = Choice.words(text);
        Map<String, String> phrases = choices.stream().flatMap(c -> Utterance.phrasesOf(c).stream())
                .collect(Collectors.toMap(Choice::words, phrase -> phrase, (first, later) -> first));
        Optional<String> exact = Optional.ofNullable(phrases.get(said));
        Optional<String> contained = phrases.keySet().stream().filter(p -> !p.isEmpty()
                        && (" " + said + " ").contains(" " + p + " "))
                .max(Comparator.comparingInt(String::length)).map(phrases::get);
        return RecognizedSpeech.unscored(exact.or(() -> contained).orElse(""));
    }

    private static void field(Buffer body, String boundary, String name, String value) {
        body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n");
    }

    /** A WAV file of 16-bit PCM, 8 kHz, mono. */
    static byte[] wav(short[] samples) {
        return wav(samples, 8000);
    }

    /** A WAV file of 16-bit PCM, mono, at {@code rate}. */
    static byte[] wav(short[] samples, int rate) {
        int dataBytes = samples.length * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(dataBytes);
        for (short sample : samples) {
            wav.putShort(sample);
        }
        return wav.array();
    }

    private static String abbreviated(Buffer body) {
        String text = body.toString().replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
