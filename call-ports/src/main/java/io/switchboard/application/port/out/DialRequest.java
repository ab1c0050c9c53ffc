package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A leg to place.
 *
 * @param call        the call the leg belongs to (legs of one call share media, e.g. a conference mix)
 * @param callerId    the number to present to PSTN callees
 * @param ringTimeout how long to ring before giving up (reported as unavailable)
 */
public record DialRequest(CallConnectionId call, LegId leg, CommunicationIdentifier target,
                          Optional<PhoneNumberIdentifier> callerId, Duration ringTimeout) {

    public DialRequest {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ringTimeout: " + ringTimeout + " (expected: a positive duration)");
        }
    }
}
