package io.switchboard.domain.call;

import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the application asked for when it created a call, beyond its targets.
 *
 * @param callerId the number shown to PSTN callees ({@code alternateCallerId} / {@code sourceCallerIdNumber})
 */
public record CallSetup(Optional<CommunicationIdentifier> source, Optional<PhoneNumberIdentifier> callerId,
                        Optional<String> subject, CallbackTarget callback, Set<RequestedCallEvent> requestedEvents,
                        Optional<String> operationContext) {

    public CallSetup {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(operationContext, "operationContext");
        requestedEvents = Set.copyOf(requestedEvents);
    }
}
