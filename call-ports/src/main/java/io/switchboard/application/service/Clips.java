package io.switchboard.application.service;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlaySequence;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.Speech;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The audio of play sources: files from the media fetcher, text and SSML from the speech synthesizer. A fetcher or
 * synthesizer that throws is treated as one that fails.
 */
final class Clips {

    private final MediaFetcher fetcher;
    private final Optional<SpeechSynthesizer> synthesizer;

    Clips(MediaFetcher fetcher, Optional<SpeechSynthesizer> synthesizer) {
        this.fetcher = fetcher;
        this.synthesizer = synthesizer;
    }

    CompletionStage<AudioClip> fetch(PlaySource source) {
        try {
            if (source instanceof FilePlaySource file) {
                return fetcher.fetch(file);
            }
            if (source instanceof PlaySequence sequence) {
                return sequence(sequence);
            }
            Speech speech = Speech.of(source);
            if (speech.parts().stream().anyMatch(part -> part instanceof Speech.Audio)) {
                return withAudio(speech, source.cacheKey());
            }
            return say(speech, source.cacheKey());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Refuses, before anything starts, a source this server cannot play: speech without a synthesizer
     * ({@code FEATURE_NOT_AVAILABLE}), or in a locale it does not speak (400 naming {@code sourceLocale}).
     */
    void check(PlaySource source) {
        if (source instanceof FilePlaySource) {
            return;
        }
        if (source instanceof PlaySequence sequence) {
            sequence.sources().forEach(this::check);
            return;
        }
        SpeechSynthesizer speaker = speaker();
        Speech.of(source).locale().filter(locale -> speaker.locales().stream().noneMatch(locale::equalsIgnoreCase))
                .ifPresent(locale -> {
                    throw new IllegalArgumentException("sourceLocale: " + locale + " (expected: one of "
                            + String.join(", ", speaker.locales()) + ", the locales this server speaks)");
                });
    }

    private CompletionStage<AudioClip> say(Speech speech, String cacheKey) {
        return speaker().synthesize(speech, cacheKey).exceptionallyCompose(error ->
                CompletableFuture.failedFuture(unwrap(error) instanceof AudioUnavailableException ? error
                        : new AudioUnavailableException(ResultInformation.synthesisFailed(
                        String.valueOf(unwrap(error).getMessage())))));
    }

    /** Every source's audio, fetched at once, then one after the other in one clip; the first failure fails it. */
    private CompletionStage<AudioClip> sequence(PlaySequence sequence) {
        return joined("seq:" + digest(sequence.cacheKey()), sequence.sources().stream()
                .map(part -> fetch(part).toCompletableFuture()).toList());
    }

    /**
     * SSML with {@code <audio>}: the runs of speech between the files are synthesized (each cached under the source's
     * key and its place), the files fetched as file sources, all at once, then joined in order.
     */
    private CompletionStage<AudioClip> withAudio(Speech speech, String cacheKey) {
        List<CompletableFuture<AudioClip>> pieces = new ArrayList<>();
        List<Speech.Part> run = new ArrayList<>();
        for (Speech.Part part : speech.parts()) {
            if (part instanceof Speech.Audio audio) {
                if (!run.isEmpty()) {
                    pieces.add(sayRun(speech, run, cacheKey + "#" + pieces.size()));
                    run.clear();
                }
                pieces.add(fetcher.fetch(new FilePlaySource(audio.source(), Optional.empty())).toCompletableFuture());
            } else {
                run.add(part);
            }
        }
        if (!run.isEmpty()) {
            pieces.add(sayRun(speech, run, cacheKey + "#" + pieces.size()));
        }
        return joined("ssml:" + digest(cacheKey), pieces);
    }

    private CompletableFuture<AudioClip> sayRun(Speech speech, List<Speech.Part> run, String key) {
        return say(new Speech(run, speech.locale(), speech.voiceName()), key).toCompletableFuture();
    }

    private static CompletionStage<AudioClip> joined(String key, List<CompletableFuture<AudioClip>> pieces) {
        return CompletableFuture.allOf(pieces.toArray(CompletableFuture[]::new)).thenApply(all ->
                AudioClip.joined(key, pieces.stream().map(piece -> piece.join().samples()).toList()));
    }

    /** A short name for a long key: the same key, the same name, so that its encoding is shared. */
    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e); // mandatory on every Java platform
        }
    }

    private SpeechSynthesizer speaker() {
        return synthesizer.orElseThrow(() -> new CallAutomationException(ErrorCode.FEATURE_NOT_AVAILABLE,
                "Text-to-speech is not available: this server has no speech synthesizer."));
    }

    /** Why a fetch failed, in ACS's codes. */
    static ResultInformation why(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof AudioUnavailableException unavailable
                ? unavailable.result() : ResultInformation.downloadFailed(String.valueOf(cause.getMessage()));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
