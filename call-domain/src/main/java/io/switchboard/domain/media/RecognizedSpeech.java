package io.switchboard.domain.media;

import java.util.Objects;

/**
 * What a recognizer made of one utterance: its words (empty when it heard no words it knows) and how sure it is.
 *
 * @param confidence 0 to 1
 */
public record RecognizedSpeech(String text, double confidence) {

    public RecognizedSpeech {
        Objects.requireNonNull(text, "text");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence: " + confidence + " (expected: 0 to 1)");
        }
    }

    /** Whether words were heard. */
    public boolean heardWords() {
        return !text.isBlank();
    }
}
