package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Transfer a participant to a new target (blind transfer).
 *
 * @param transferee the participant handed over (id or raw id); the call's only connected participant when absent
 */
public record TransferCallCommand(CallConnectionId callId, CommunicationIdentifier target,
                                  Optional<String> transferee, Optional<String> operationContext,
                                  Optional<URI> operationCallbackUri) {

    public TransferCallCommand {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(transferee, "transferee");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
