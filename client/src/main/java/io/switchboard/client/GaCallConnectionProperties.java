package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call as the GA API reports it ({@code CallConnectionProperties}); fields the service may leave out are
 * {@link Optional}.
 *
 * @param targets the participants other than the application
 */
public record GaCallConnectionProperties(CallConnectionId id, GaCallConnectionState state,
                                         List<CommunicationIdentifier> targets, Optional<String> serverCallId,
                                         Optional<URI> callbackUri,
                                         Optional<PhoneNumberIdentifier> sourceCallerIdNumber,
                                         Optional<String> correlationId) {

    public GaCallConnectionProperties {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        targets = List.copyOf(targets);
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(callbackUri, "callbackUri");
        Objects.requireNonNull(sourceCallerIdNumber, "sourceCallerIdNumber");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
