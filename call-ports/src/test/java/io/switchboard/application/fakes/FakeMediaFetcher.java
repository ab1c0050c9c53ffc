package io.switchboard.application.fakes;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves clips registered by URI; any other URI fails as not downloadable (8536). A URI may also be held
 * {@link #pending}: its fetch completes when the test completes the future.
 */
public final class FakeMediaFetcher implements MediaFetcher {

    private final Map<URI, CompletionStage<AudioClip>> files = new ConcurrentHashMap<>();

    public FakeMediaFetcher serve(URI uri, AudioClip clip) {
        files.put(uri, CompletableFuture.completedFuture(clip));
        return this;
    }

    public FakeMediaFetcher fail(URI uri, ResultInformation why) {
        files.put(uri, CompletableFuture.failedFuture(new AudioUnavailableException(why)));
        return this;
    }

    /** Fetches of the URI wait until the test completes the returned future (or fails it). */
    public CompletableFuture<AudioClip> pending(URI uri) {
        CompletableFuture<AudioClip> download = new CompletableFuture<>();
        files.put(uri, download);
        return download;
    }

    @Override
    public CompletionStage<AudioClip> fetch(FilePlaySource source) {
        return files.getOrDefault(source.uri(), CompletableFuture.failedFuture(
                new AudioUnavailableException(ResultInformation.downloadFailed("404 from " + source.uri()))));
    }

    /** A clip of silence lasting the given number of 20 ms frames. */
    public static AudioClip silence(String key, int frames) {
        return new AudioClip(key, new short[frames * 160]);
    }
}
