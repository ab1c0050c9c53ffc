package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallbackTarget;

import java.util.Objects;
import java.util.Optional;

/**
 * Connect another application to a call running here (ACS's {@code connect} with a {@code serverCallLocator}).
 *
 * @param serverCallId the call's server call id, as its properties and events give it
 * @param callback     where the connection's events go
 */
public record ConnectCallCommand(String serverCallId, CallbackTarget callback, Optional<String> operationContext) {

    public ConnectCallCommand {
        if (serverCallId == null || serverCallId.isBlank()) {
            throw new IllegalArgumentException("callLocator.serverCallId: " + serverCallId
                    + " (expected: the serverCallId of a call, as its properties give it)");
        }
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(operationContext, "operationContext");
    }
}
