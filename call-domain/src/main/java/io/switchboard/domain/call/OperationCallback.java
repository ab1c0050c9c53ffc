package io.switchboard.domain.call;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the events of an operation go, as ACS sends them: to the call connection the operation was asked through
 * alone, at the request's {@code operationCallbackUri} if it gave one, else at that connection's callback.
 *
 * @param connection another application's connection to the call ({@code connect}) the operation was asked through;
 *                   empty when it was asked through the call's own
 * @param uri        the request's {@code operationCallbackUri}
 */
public record OperationCallback(Optional<CallConnectionId> connection, Optional<URI> uri) {

    /** Asked through the call's own connection, its events going to the call's callback. */
    public static final OperationCallback OWN = new OperationCallback(Optional.empty(), Optional.empty());

    public OperationCallback {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(uri, "uri");
    }

    /** Asked through the call's own connection, with the request's {@code operationCallbackUri} if any. */
    public static OperationCallback own(Optional<URI> uri) {
        return new OperationCallback(Optional.empty(), uri);
    }
}
