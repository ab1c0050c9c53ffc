package io.switchboard.application.port.out;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;

import java.util.concurrent.CompletionStage;

/** Fetches and decodes audio to play, caching it by the source's cache key. */
public interface MediaFetcher {

    /**
     * @return the decoded clip; fails with {@link AudioUnavailableException} carrying the ACS result (8536 the file
     *         could not be downloaded, 8535 its format is invalid). Never blocks the caller.
     */
    CompletionStage<AudioClip> fetch(FilePlaySource source);
}
