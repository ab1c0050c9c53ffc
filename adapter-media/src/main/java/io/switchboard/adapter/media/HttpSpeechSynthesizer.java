package io.switchboard.adapter.media;

import io.switchboard.domain.media.Speech;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.Set;

/**
 * Speech from a remote service speaking the OpenAI-compatible API: each run of words is one
 * {@code POST /v1/audio/speech} ({@code model}, {@code voice}, {@code input}, {@code speed} from the run's rate,
 * {@code response_format: wav}); the WAV answers are decoded and resampled to 8 kHz like audio files; pauses, volume
 * and caching as {@link PartwiseSynthesizer} does them.
 *
 * <p>Threading as {@link HttpMediaFetcher}: never blocks, requests on an event loop, decoding on workers. A
 * refusal, a timeout or audio it cannot decode fails the stage with {@code AudioUnavailableException} (8567).
 */
public final class HttpSpeechSynthesizer extends PartwiseSynthesizer {

    private static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;

    private final SpeechServiceConfig config;
    private final HttpClientAgent client;

    private HttpSpeechSynthesizer(Vertx vertx, SpeechServiceConfig config) {
        super(vertx, config.cacheBytes());
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(HttpDownloader.CONNECT_TIMEOUT_MILLIS));
    }

    /** Creates the synthesizer and its HTTP client; {@link #close} it at stop. */
    public static HttpSpeechSynthesizer create(Vertx vertx, SpeechServiceConfig config) {
        return new HttpSpeechSynthesizer(Objects.requireNonNull(vertx, "vertx"),
                Objects.requireNonNull(config, "config"));
    }

    @Override
    public Set<String> locales() {
        return config.locales();
    }

    @Override
    String engine() {
        return "the speech service at " + config.where();
    }

    /** Stops the HTTP client and drops the cache; does not block. */
    public void close() {
        clear();
        client.close();
    }

    @Override
    Future<short[]> words(Speech.Words words) {
        JsonObject request = new JsonObject().put("model", config.model()).put("voice", config.voice())
                .put("input", words.text()).put("response_format", "wav")
                .put("speed", Math.max(0.25, Math.min(4.0, words.rate())));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.speechUri().toString()).setIdleTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json");
        config.apiKey().ifPresent(key -> options.putHeader("Authorization", "Bearer " + key));
        return client.request(options)
                .compose(http -> http.send(request.toBuffer()))
                .compose(response -> response.statusCode() / 100 == 2 ? response.body()
                        : response.body().compose(body -> Future.failedFuture("HTTP " + response.statusCode() + " "
                        + abbreviated(body))))
                .timeout(config.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .compose(body -> body.length() > MAX_ANSWER_BYTES
                        ? Future.failedFuture("an answer over " + MAX_ANSWER_BYTES + " bytes")
                        : vertx().executeBlocking(() -> Resampler.to8k(WavDecoder.decode(body.getBytes())), false));
    }

    private static String abbreviated(Buffer body) {
        String text = body.toString().replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
