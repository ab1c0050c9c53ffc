package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;

import java.util.Objects;
import java.util.Optional;

/**
 * Another application's connection to a call (ACS's {@code connect}): its own id, which the API takes as the call's,
 * and where its events go.
 *
 * @param operationContext the context the connecting application gave, echoed in its CallConnected and
 *                         CallDisconnected
 */
public record Connection(CallConnectionId id, CallbackTarget callback, Optional<String> operationContext) {

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(operationContext, "operationContext");
    }
}
