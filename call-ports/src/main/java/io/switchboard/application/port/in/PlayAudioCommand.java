package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Play audio into a call, once or looped until cancelled.
 *
 * @param playTo                the connected participants to play to; everyone (but held participants) when empty
 * @param interrupt             cancel a running play or recognition first, instead of being refused
 * @param operationCallbackUri  where the play's events go instead of the call's callback
 */
public record PlayAudioCommand(CallConnectionId callId, PlaySource source, boolean loop,
                               Optional<String> operationContext, List<CommunicationIdentifier> playTo,
                               boolean interrupt, Optional<URI> operationCallbackUri) {

    public PlayAudioCommand {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operationContext, "operationContext");
        playTo = List.copyOf(playTo);
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }

    /** Play to everyone, refused while another media operation runs. */
    public PlayAudioCommand(CallConnectionId callId, PlaySource source, boolean loop,
                            Optional<String> operationContext) {
        this(callId, source, loop, operationContext, List.of(), false, Optional.empty());
    }
}
