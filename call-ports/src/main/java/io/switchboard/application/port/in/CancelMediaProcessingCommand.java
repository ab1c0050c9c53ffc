package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.util.Objects;
import java.util.Optional;

/** Stop whatever media operation runs in a call. */
public record CancelMediaProcessingCommand(CallConnectionId callId, Optional<String> operationContext) {

    public CancelMediaProcessingCommand {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(operationContext, "operationContext");
    }
}
