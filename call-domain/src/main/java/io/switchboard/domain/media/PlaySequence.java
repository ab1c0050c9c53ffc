package io.switchboard.domain.media;

import java.util.List;
import java.util.stream.Collectors;

/** Several play sources played one after the other, as one play ({@code playSources} with more than one). */
public record PlaySequence(List<PlaySource> sources) implements PlaySource {

    /** The most sources one play may have. */
    public static final int MAX_SOURCES = 10;

    public PlaySequence {
        sources = List.copyOf(sources);
        if (sources.size() < 2 || sources.size() > MAX_SOURCES) {
            throw new IllegalArgumentException("playSources: " + sources.size() + " sources (expected: 1 to "
                    + MAX_SOURCES + ")");
        }
        if (sources.stream().anyMatch(PlaySequence.class::isInstance)) {
            throw new IllegalArgumentException("playSources: a sequence inside a sequence (expected: file, text or "
                    + "SSML sources)");
        }
    }

    /** The sources' keys in order: the same sources in the same order are the same audio. */
    @Override
    public String cacheKey() {
        return sources.stream().map(PlaySource::cacheKey).collect(Collectors.joining("\n", "seq:", ""));
    }
}
