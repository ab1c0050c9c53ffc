package io.switchboard.domain.media;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a recognizer made of one utterance: its words (empty when it heard no words it knows) and, when the engine
 * gives one, how sure it is.
 *
 * @param confidence 0 to 1; empty when the engine does not score what it heard
 */
public record RecognizedSpeech(String text, OptionalDouble confidence) {

    public RecognizedSpeech {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(confidence, "confidence");
        if (confidence.isPresent() && !(confidence.getAsDouble() >= 0 && confidence.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("confidence: " + confidence.getAsDouble() + " (expected: 0 to 1)");
        }
    }

    public RecognizedSpeech(String text, double confidence) {
        this(text, OptionalDouble.of(confidence));
    }

    /** Words the engine does not score. */
    public static RecognizedSpeech unscored(String text) {
        return new RecognizedSpeech(text, OptionalDouble.empty());
    }

    /** Whether words were heard. */
    public boolean heardWords() {
        return !text.isBlank();
    }
}
