package io.switchboard.domain.call;

import java.net.URI;
import java.util.Objects;

/** Where a call's events go and in which schema. */
public record CallbackTarget(URI uri, EventSchema schema) {

    public CallbackTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(schema, "schema");
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("callbackUri: " + uri + " (expected: an absolute http or https URI)");
        }
    }
}
