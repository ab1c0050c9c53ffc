package io.switchboard.application.port.in;

import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.Objects;
import java.util.Optional;

/**
 * A call a network received for this server.
 *
 * @param from who calls (a phone number, a known user, or an unknown identifier carrying the SIP address)
 * @param to   whom they called: the number or user this server answers for
 * @param call how the core answers, rejects or redirects it
 */
public record IncomingCallOffer(CommunicationIdentifier from, CommunicationIdentifier to,
                                Optional<String> callerDisplayName, OfferedCall call) {

    public IncomingCallOffer {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(callerDisplayName, "callerDisplayName");
        Objects.requireNonNull(call, "call");
    }
}
