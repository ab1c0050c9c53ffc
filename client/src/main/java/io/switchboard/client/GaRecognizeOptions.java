package io.switchboard.client;

import io.switchboard.domain.media.Tone;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to collect DTMF in the GA API ({@code RecognizeRequest} with {@code recognizeInputType: dtmf}). Timeouts are
 * sent in whole seconds.
 *
 * @param maxTonesToCollect     collection completes when this many tones were pressed (at least 1)
 * @param stopTones             a press of one of these completes the collection at once ({@link Tone#FLASH} has
 *                              no GA name and is refused)
 * @param initialSilenceTimeout the longest silence before the first tone: 0 to 300 s
 * @param interToneTimeout      the longest silence between two tones: 1 to 60 s
 * @param prompt                a file played first, if any
 * @param interruptPrompt       whether the first tone stops the prompt
 * @param operation             context and callback of {@code RecognizeCompleted}/{@code RecognizeFailed}
 */
public record GaRecognizeOptions(int maxTonesToCollect, Set<Tone> stopTones, Duration initialSilenceTimeout,
                                 Duration interToneTimeout, Optional<URI> prompt, boolean interruptPrompt,
                                 GaOperationOptions operation) {

    public GaRecognizeOptions {
        if (maxTonesToCollect < 1) {
            throw new IllegalArgumentException("maxTonesToCollect: " + maxTonesToCollect + " (expected: at least 1)");
        }
        stopTones = Set.copyOf(stopTones);
        if (stopTones.contains(Tone.FLASH)) {
            throw new IllegalArgumentException("stopTones: FLASH (expected: 0-9, A-D, STAR or POUND)");
        }
        requireSeconds("initialSilenceTimeout", initialSilenceTimeout, 0, 300);
        requireSeconds("interToneTimeout", interToneTimeout, 1, 60);
        Objects.requireNonNull(prompt, "prompt").ifPresent(uri -> GaOperationOptions.requireHttp("prompt", uri));
        Objects.requireNonNull(operation, "operation");
    }

    /** Up to {@code maxTonesToCollect} tones, no stop tones, ACS's default timeouts (5 s, 2 s), no prompt. */
    public static GaRecognizeOptions dtmf(int maxTonesToCollect) {
        return new GaRecognizeOptions(maxTonesToCollect, Set.of(), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Optional.empty(), false, GaOperationOptions.none());
    }

    public GaRecognizeOptions withStopTones(Tone first, Tone... more) {
        return new GaRecognizeOptions(maxTonesToCollect, EnumSet.of(first, more), initialSilenceTimeout,
                interToneTimeout, prompt, interruptPrompt, operation);
    }

    public GaRecognizeOptions withTimeouts(Duration initialSilence, Duration interTone) {
        return new GaRecognizeOptions(maxTonesToCollect, stopTones, initialSilence, interTone, prompt,
                interruptPrompt, operation);
    }

    /** Plays {@code file} first; the first tone stops it when {@code interruptible}. */
    public GaRecognizeOptions withPrompt(URI file, boolean interruptible) {
        return new GaRecognizeOptions(maxTonesToCollect, stopTones, initialSilenceTimeout, interToneTimeout,
                Optional.of(file), interruptible, operation);
    }

    public GaRecognizeOptions withOperation(GaOperationOptions value) {
        return new GaRecognizeOptions(maxTonesToCollect, stopTones, initialSilenceTimeout, interToneTimeout,
                prompt, interruptPrompt, value);
    }

    private static void requireSeconds(String field, Duration value, int min, int max) {
        Objects.requireNonNull(value, field);
        if (value.toMillis() % 1000 != 0 || value.toSeconds() < min || value.toSeconds() > max) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + " to " + max
                    + " whole seconds)");
        }
    }

    /** The stop tones in a stable order (the enum's). */
    List<Tone> orderedStopTones() {
        return stopTones.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(stopTones));
    }
}
