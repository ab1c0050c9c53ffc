package io.switchboard.adapter.media;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A synthesizer that says speech one run of words at a time with an engine outside the JVM (a remote service, an
 * installed program): pauses are inserted here, the volume applied here, and what was said is cached by the source's
 * key, as files are; the same key asked for while it is being said waits for the same answer. Subclasses say one run
 * of words at 8 kHz, off the event loop.
 *
 * <p>Threading: never blocks; the parts are said in order, one at a time, on Vert.x. A failure fails the stage with
 * {@link AudioUnavailableException} (8567).
 */
abstract class PartwiseSynthesizer implements SpeechSynthesizer {

    private final System.Logger log = System.getLogger(getClass().getName());
    private final Vertx vertx;
    private final ClipCache cache;
    private final ConcurrentHashMap<String, CompletableFuture<AudioClip>> inFlight = new ConcurrentHashMap<>();

    PartwiseSynthesizer(Vertx vertx, long cacheBytes) {
        this.vertx = vertx;
        this.cache = new ClipCache(Clock.systemUTC(), Duration.ofDays(1), cacheBytes);
    }

    /** One run of words at 8 kHz, at the run's rate and pitch (the volume is applied here). */
    abstract Future<short[]> words(Speech.Words words);

    /** The engine, for logs and failure messages (never credentials). */
    abstract String engine();

    final Vertx vertx() {
        return vertx;
    }

    @Override
    public final CompletionStage<AudioClip> synthesize(Speech speech, String cacheKey) {
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

    /** Drops the cache. */
    void clear() {
        cache.clear();
    }

    /** Cache first, then leave the in-flight map, so a concurrent request always finds one of them. */
    private void settle(String cacheKey, CompletableFuture<AudioClip> mine, AsyncResult<AudioClip> said) {
        if (said.succeeded()) {
            cache.put(cacheKey, said.result());
            inFlight.remove(cacheKey, mine);
            mine.complete(said.result());
        } else {
            inFlight.remove(cacheKey, mine);
            log.log(Level.WARNING, engine() + ": " + said.cause().getMessage());
            mine.completeExceptionally(new AudioUnavailableException(ResultInformation.synthesisFailed(
                    engine() + ": " + said.cause().getMessage())));
        }
    }

    /** Every part's samples, in order, one at a time. */
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
        return words(words).map(samples -> louder(samples, words.volume()));
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
}
