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
        require("interToneTimeoutInSeconds", interToneTimeout, false);
        // ACS allows 0: no tone may be waited for at all
        require("initialSilenceTimeoutInSeconds", initialSilenceTimeout, true);
    }

    private static void require(String name, Duration value, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() && !zeroAllowed) {
            throw new IllegalArgumentException(name + ": " + value.toSeconds()
                    + (zeroAllowed ? " (expected: 0 or more seconds)" : " (expected: a positive number)"));
        }
    }
}
