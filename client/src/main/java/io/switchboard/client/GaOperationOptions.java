package io.switchboard.client;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What most GA operations take besides their subject.
 *
 * @param operationContext     repeated in the operation's events, to tell operations apart
 * @param operationCallbackUri where this operation's events go instead of the call's {@code callbackUri}
 *                             (absolute http or https)
 */
public record GaOperationOptions(Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public GaOperationOptions {
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
        operationCallbackUri.ifPresent(uri -> requireHttp("operationCallbackUri", uri));
    }

    /** No context; events to the call's {@code callbackUri}. */
    public static GaOperationOptions none() {
        return new GaOperationOptions(Optional.empty(), Optional.empty());
    }

    public GaOperationOptions withOperationContext(String value) {
        return new GaOperationOptions(Optional.of(value), operationCallbackUri);
    }

    public GaOperationOptions withOperationCallbackUri(URI value) {
        return new GaOperationOptions(operationContext, Optional.of(value));
    }

    static URI requireHttp(String field, URI uri) {
        Objects.requireNonNull(uri, field);
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(field + ": " + uri + " (expected: an absolute http or https URI)");
        }
        return uri;
    }
}
