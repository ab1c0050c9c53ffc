package io.switchboard.domain.media;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An audio file fetched over http(s).
 *
 * @param cacheId the application's cache key for the file ({@code resourceId}, {@code audioFileId} or
 *                {@code playSourceCacheId}); when absent the URI is the key
 */
public record FilePlaySource(URI uri, Optional<String> cacheId) implements PlaySource {

    public FilePlaySource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cacheId, "cacheId");
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("audioFileUri: " + uri + " (expected: an absolute http or https URI)");
        }
    }

    @Override
    public String cacheKey() {
        return cacheId.filter(id -> !id.isBlank()).map(id -> "id:" + id).orElse("uri:" + uri);
    }
}
