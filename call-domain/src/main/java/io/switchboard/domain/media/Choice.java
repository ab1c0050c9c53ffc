package io.switchboard.domain.media;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer a recognition of choices waits for: its label, the phrases that would say it, and the key that
 * chooses it.
 */
public record Choice(String label, List<String> phrases, Optional<Tone> tone) {

    public Choice {
        Objects.requireNonNull(label, "label");
        phrases = List.copyOf(phrases);
        Objects.requireNonNull(tone, "tone");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label: empty (expected: the choice's name, e.g. Confirm)");
        }
    }

    /**
     * Words as phrases are compared: lower case, letters, digits and apostrophes, single spaces ("Yes!" and "yes"
     * are the same answer).
     */
    public static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ").trim();
    }
}
