package io.switchboard.application.service;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlaySource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Fetches the audio of play sources; a fetcher that throws is treated as one that fails. */
final class Clips {

    private final MediaFetcher fetcher;

    Clips(MediaFetcher fetcher) {
        this.fetcher = fetcher;
    }

    CompletionStage<AudioClip> fetch(PlaySource source) {
        try {
            return fetcher.fetch(file(source));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The only source this server plays; others are refused before they get this far. */
    static FilePlaySource file(PlaySource source) {
        if (source instanceof FilePlaySource file) {
            return file;
        }
        throw new CallAutomationException(ErrorCode.FEATURE_NOT_AVAILABLE, "Only file play sources are available.");
    }

    /** Why a fetch failed, in ACS's codes. */
    static ResultInformation why(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof AudioUnavailableException unavailable
                ? unavailable.result() : ResultInformation.downloadFailed(String.valueOf(cause.getMessage()));
    }
}
