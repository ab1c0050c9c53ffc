package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Start or stop a call's media stream; its events carry the context and go to the callback, if given. */
public record MediaStreamingCommand(CallConnectionId callConnectionId, Optional<String> operationContext,
                                    Optional<URI> operationCallbackUri) {

    public MediaStreamingCommand {
        Objects.requireNonNull(callConnectionId, "callConnectionId");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
