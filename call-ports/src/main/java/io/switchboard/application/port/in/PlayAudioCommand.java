package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.PlaySource;

import java.util.Objects;
import java.util.Optional;

/** Play audio to everyone in a call, once or looped until cancelled. */
public record PlayAudioCommand(CallConnectionId callId, PlaySource source, boolean loop,
                               Optional<String> operationContext) {

    public PlayAudioCommand {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operationContext, "operationContext");
    }
}
