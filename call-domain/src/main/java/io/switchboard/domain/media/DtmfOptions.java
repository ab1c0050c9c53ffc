package io.switchboard.domain.media;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How DTMF input is collected (ACS {@code dtmfOptions} plus the recognize-wide silence timeout).
 *
 * @param maxTones              collection completes when this many tones were pressed (1–30 here; ACS default 1)
 * @param stopTones             a press of one of these completes the collection at once; it is not collected
 * @param interToneTimeout      the longest silence allowed between two tones (ACS: 1–60 s, default 2 s)
 * @param initialSilenceTimeout the longest silence allowed before the first tone (ACS: 0–300 s, default 5 s)
 */
public record DtmfOptions(int maxTones, Set<Tone> stopTones, Duration interToneTimeout,
                          Duration initialSilenceTimeout) {

    public static final int MAX_TONES = 30;

    public DtmfOptions {
        if (maxTones < 1 || maxTones > MAX_TONES) {
            throw new IllegalArgumentException("maxTonesToCollect: " + maxTones + " (expected: 1 to " + MAX_TONES + ")");
        }
        stopTones = Set.copyOf(stopTones);
        requirePositive("interToneTimeoutInSeconds", interToneTimeout);
        requirePositive("initialSilenceTimeoutInSeconds", initialSilenceTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value.toSeconds() + " (expected: a positive number)");
        }
    }
}
