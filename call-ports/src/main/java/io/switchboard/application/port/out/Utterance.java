package io.switchboard.application.port.out;

import io.switchboard.domain.media.Choice;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One utterance to recognize: 16-bit linear PCM at 8 kHz, with some silence before and after the speech.
 *
 * @param choices  the choices whose phrases (or labels) are listened for; empty for free speech
 * @param language the BCP 47 language spoken; the engine's default when empty
 */
public record Utterance(short[] samples, List<Choice> choices, Optional<String> language) {

    public Utterance {
        Objects.requireNonNull(samples, "samples");
        choices = List.copyOf(choices);
        Objects.requireNonNull(language, "language");
    }

    /** The phrases said for choice {@code choice}: its phrases, or its label when it has none. */
    public static List<String> phrasesOf(Choice choice) {
        return choice.phrases().isEmpty() ? List.of(choice.label()) : choice.phrases();
    }

    /** Its length in milliseconds. */
    public long millis() {
        return samples.length / 8L;
    }
}
