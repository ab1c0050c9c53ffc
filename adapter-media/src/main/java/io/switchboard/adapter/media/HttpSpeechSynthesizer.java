package io.switchboard.adapter.media;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Speech from a remote service speaking the OpenAI-compatible API: each run of words is one
 * {@code POST /v1/audio/speech} ({@code model}, {@code voice}, {@code input}, {@code speed} from the run's rate,
 * {@code response_format: wav}); the WAV answers are decoded and resampled to 8 kHz like audio files, the volume
 * applied here, pauses inserted here. What was said is cached by the source's key, as files are.
 *
 * <p>Threading as {@link HttpMediaFetcher}: never blocks, requests on an event loop, decoding on workers. A
 * refusal, a timeout or audio it cannot decode fails the stage with {@link AudioUnavailableException} (8567).
 */
public final class HttpSpeechSynthesizer implements SpeechSynthesizer {

    private static final System.Logger LOG = System.getLogger(HttpSpeechSynthesizer.class.getName());
    private static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;

    private final Vertx vertx;
    private final SpeechServiceConfig config;
    private final HttpClientAgent client;
    private final ClipCache cache;
    private final ConcurrentHashMap<String, CompletableFuture<AudioClip>> inFlight = new ConcurrentHashMap<>();

    private HttpSpeechSynthesizer(Vertx vertx, SpeechServiceConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(HttpDownloader.CONNECT_TIMEOUT_MILLIS));
        this.cache = new ClipCache(Clock.systemUTC(), Duration.ofDays(1), config.cacheBytes());
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
    public CompletionStage<AudioClip> synthesize(Speech speech, String cacheKey) {
        Optional<AudioClip> cached = cache.get(cacheKey);
        if (cached.isPresent()) {
            return CompletableFuture.completedStage(cached.get());
        }
        CompletableFuture<AudioClip> mine = new CompletableFuture<>();
        CompletableFuture<AudioClip> running = inFlight.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return running.minimalCompletionStage();
        }
        vertx.runOnContext(ignored -> say(speech.parts())
                .map(pieces -> AudioClip.joined("tts:" + cacheKey, pieces))
                .onComplete(said -> settle(cacheKey, mine, said)));
        return mine.minimalCompletionStage();
    }

    /** Cache first, then leave the in-flight map, so a concurrent request always finds one of them. */
    private void settle(String cacheKey, CompletableFuture<AudioClip> mine, AsyncResult<AudioClip> said) {
        if (said.succeeded()) {
            cache.put(cacheKey, said.result());
            inFlight.remove(cacheKey, mine);
            mine.complete(said.result());
        } else {
            inFlight.remove(cacheKey, mine);
            LOG.log(Level.WARNING, "speech service: " + said.cause().getMessage());
            mine.completeExceptionally(new AudioUnavailableException(ResultInformation.synthesisFailed(
                    "the speech service at " + config.where() + ": " + said.cause().getMessage())));
        }
    }

    /** Stops the HTTP client and drops the cache; does not block. */
    public void close() {
        cache.clear();
        client.close();
    }

    /** Every part's samples, in order, one request at a time. */
    private Future<List<short[]>> say(List<Speech.Part> parts) {
        Future<List<short[]>> said = Future.succeededFuture(new ArrayList<>());
        for (Speech.Part part : parts) {
            said = said.compose(pieces -> piece(part).map(piece -> {
                pieces.add(piece);
                return pieces;
            }));
        }
        return said;
    }

    private Future<short[]> piece(Speech.Part part) {
        if (part instanceof Speech.Pause pause) {
            return Future.succeededFuture(new short[(int) (pause.length().toMillis() * 8)]);
        }
        Speech.Words words = (Speech.Words) part;
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
                        : vertx.executeBlocking(() -> louder(Resampler.to8k(WavDecoder.decode(body.getBytes())),
                        words.volume()), false));
    }

    private static short[] louder(short[] samples, double volume) {
        if (volume == 1) {
            return samples;
        }
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * volume)));
        }
        return samples;
    }

    private static String abbreviated(Buffer body) {
        String text = body.toString().replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
