package io.switchboard.domain.media;

import java.util.Objects;
import java.util.Optional;

/**
 * Speech described in SSML (ACS {@code SsmlSource}): a {@code <speak>} document.
 *
 * @param cacheId the application's cache key ({@code playSourceCacheId}); else the document is
 */
public record SsmlPlaySource(String ssml, Optional<String> cacheId) implements PlaySource {

    /** The most characters one document may have. */
    public static final int MAX_LENGTH = 5000;

    public SsmlPlaySource {
        Objects.requireNonNull(ssml, "ssml");
        Objects.requireNonNull(cacheId, "cacheId");
        if (ssml.isBlank() || ssml.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ssmlText: " + ssml.length() + " characters (expected: a <speak> "
                    + "document of 1 to " + MAX_LENGTH + " characters)");
        }
        Speech.parse(ssml); // refuses what cannot be read, naming ssmlText
    }

    @Override
    public String cacheKey() {
        return cacheId.filter(id -> !id.isBlank()).map(id -> "id:" + id).orElse("ssml:" + ssml);
    }
}
