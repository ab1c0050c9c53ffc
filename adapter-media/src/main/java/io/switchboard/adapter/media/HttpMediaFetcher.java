package io.switchboard.adapter.media;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches audio files over http(s) and decodes them to 8 kHz mono 16-bit PCM clips, caching them by
 * {@link FilePlaySource#cacheKey()}.
 *
 * <p>Accepted: WAV (RIFF/WAVE) holding PCM 8/16/24/32-bit, IEEE float 32/64-bit, A-law or µ-law, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count (averaged to mono), 4 to 192 kHz (resampled with an anti-aliasing
 * low-pass). Anything else fails with 8535; a download that fails (non-2xx status, no connection, over
 * {@link MediaFetcherConfig#downloadTimeout()}, body over {@link MediaFetcherConfig#maxFileBytes()}) fails with 8536,
 * both as {@link AudioUnavailableException}. Failures are not cached.
 *
 * <p>Threading: {@link #fetch} may be called from any thread and never blocks: a cached clip completes at once;
 * concurrent fetches of one key share one download. Downloads run on a Vert.x event loop, decoding and resampling on
 * Vert.x worker threads; the returned stage completes on a Vert.x thread, so callers must hop to their own executor
 * before doing real work. Keys follow ACS: a {@code cacheId} names the audio whatever the URI, so the same cacheId
 * with another URI is served from the cache.
 */
public final class HttpMediaFetcher implements MediaFetcher {

    private static final System.Logger LOG = System.getLogger(HttpMediaFetcher.class.getName());

    private final Vertx vertx;
    private final HttpDownloader downloader;
    private final ClipCache cache;
    private final ConcurrentHashMap<String, CompletableFuture<AudioClip>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private HttpMediaFetcher(Vertx vertx, MediaFetcherConfig config) {
        this.vertx = vertx;
        this.downloader = new HttpDownloader(vertx, config.maxFileBytes(), config.downloadTimeout().toMillis(),
                config.outbound());
        this.cache = new ClipCache(config.clock(), config.cacheTtl(), config.cacheMaxBytes());
    }

    /** Creates the fetcher and its HTTP client (connect timeout 3 s, follows redirects); {@link #close} it at stop. */
    public static HttpMediaFetcher create(Vertx vertx, MediaFetcherConfig config) {
        return new HttpMediaFetcher(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(config, "config"));
    }

    @Override
    public CompletionStage<AudioClip> fetch(FilePlaySource source) {
        Objects.requireNonNull(source, "source");
        if (closed) {
            return CompletableFuture.failedStage(
                    new AudioUnavailableException(ResultInformation.downloadFailed("media fetcher is closed")));
        }
        String key = source.cacheKey();
        Optional<AudioClip> cached = cache.get(key);
        if (cached.isPresent()) {
            return CompletableFuture.completedStage(cached.get());
        }
        CompletableFuture<AudioClip> mine = new CompletableFuture<>();
        CompletableFuture<AudioClip> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.minimalCompletionStage();
        }
        // A download of this key may have finished between the cache look-up and putIfAbsent.
        Optional<AudioClip> raced = cache.get(key);
        if (raced.isPresent()) {
            inFlight.remove(key, mine);
            mine.complete(raced.get());
        } else {
            load(source, key, mine);
        }
        return mine.minimalCompletionStage();
    }

    /** Stops downloading and drops the cache; fetches after this fail with 8536. Does not block. */
    public void close() {
        closed = true;
        cache.clear();
        downloader.close();
    }

    private void load(FilePlaySource source, String key, CompletableFuture<AudioClip> result) {
        downloader.download(source.uri())
                .compose(body -> vertx.executeBlocking(() -> decode(key, body.getBytes()), false))
                .onComplete(ar -> {
                    // Cache first, then leave the in-flight map, so a concurrent fetch always finds one of them.
                    if (ar.succeeded()) {
                        cache.put(key, ar.result());
                        inFlight.remove(key, result);
                        result.complete(ar.result());
                    } else {
                        inFlight.remove(key, result);
                        result.completeExceptionally(unavailable(ar.cause(), source));
                    }
                });
    }

    static AudioClip decode(String key, byte[] bytes) {
        return new AudioClip(key, Resampler.to8k(WavDecoder.decode(bytes)));
    }

    private static AudioUnavailableException unavailable(Throwable error, FilePlaySource source) {
        if (error instanceof AudioUnavailableException unavailable) {
            LOG.log(Level.DEBUG, "audio {0} unavailable: {1}", HttpDownloader.redacted(source.uri()),
                    error.getMessage());
            return unavailable;
        }
        if (error instanceof InvalidAudioException) {
            LOG.log(Level.DEBUG, "audio {0} not decodable: {1}", HttpDownloader.redacted(source.uri()),
                    error.getMessage());
            return new AudioUnavailableException(ResultInformation.invalidFileFormat(error.getMessage()));
        }
        // A decoder bug or a pathological file: the application learns 8535, the operator gets the trace.
        LOG.log(Level.WARNING, "audio " + HttpDownloader.redacted(source.uri()) + " failed to decode", error);
        return new AudioUnavailableException(ResultInformation.invalidFileFormat("could not decode the file ("
                + error.getClass().getSimpleName() + "; " + WavDecoder.EXPECTED + ")"));
    }
}
