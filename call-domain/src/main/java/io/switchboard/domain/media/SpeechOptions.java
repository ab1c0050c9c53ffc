package io.switchboard.domain.media;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How speech is listened for (ACS {@code speechOptions}, {@code speechLanguage}).
 *
 * @param endSilence how long the participant must be silent after speaking for the utterance to be over
 * @param language   the BCP 47 language listened for; the engine's default when empty
 */
public record SpeechOptions(Duration endSilence, Optional<String> language) {

    /** ACS's default end silence. */
    public static final Duration DEFAULT_END_SILENCE = Duration.ofMillis(500);
    public static final Duration MIN_END_SILENCE = Duration.ofMillis(100);
    public static final Duration MAX_END_SILENCE = Duration.ofSeconds(5);
    public static final SpeechOptions DEFAULT = new SpeechOptions(DEFAULT_END_SILENCE, Optional.empty());

    public SpeechOptions {
        Objects.requireNonNull(endSilence, "endSilence");
        Objects.requireNonNull(language, "language");
        if (endSilence.compareTo(MIN_END_SILENCE) < 0 || endSilence.compareTo(MAX_END_SILENCE) > 0) {
            throw new IllegalArgumentException("speechOptions.endSilenceTimeoutInMs: " + endSilence.toMillis()
                    + " (expected: " + MIN_END_SILENCE.toMillis() + " to " + MAX_END_SILENCE.toMillis() + ")");
        }
    }
}
