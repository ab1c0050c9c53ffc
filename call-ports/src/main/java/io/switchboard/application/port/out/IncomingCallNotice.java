package io.switchboard.application.port.out;

import io.switchboard.domain.participant.CommunicationIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application learns of a call ringing at this server (ACS's IncomingCall event).
 *
 * @param incomingCallContext the opaque token the application passes back to answer, reject or redirect it
 * @param ringsUntil          when the ring timeout refuses the call: the context answers nothing after it, so the
 *                            notice is not worth delivering after it either
 */
public record IncomingCallNotice(String incomingCallContext, CommunicationIdentifier from, CommunicationIdentifier to,
                                 Optional<String> callerDisplayName, String serverCallId, String correlationId,
                                 Instant ringsUntil) {

    public IncomingCallNotice {
        Objects.requireNonNull(incomingCallContext, "incomingCallContext");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(callerDisplayName, "callerDisplayName");
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(ringsUntil, "ringsUntil");
    }
}
