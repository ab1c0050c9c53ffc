package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Move participants of another call into this one (ACS's {@code moveParticipants}).
 *
 * @param callId               the call they move into
 * @param fromCall             the call they are in now
 * @param participants         each a participant id this server gave, or the participant's raw identifier
 * @param operationCallbackUri where the move's events go instead of the call's callback
 */
public record MoveParticipantsCommand(CallConnectionId callId, CallConnectionId fromCall, List<String> participants,
                                      Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public MoveParticipantsCommand {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(fromCall, "fromCall");
        participants = List.copyOf(participants);
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("targetParticipants: empty (expected: at least one participant)");
        }
        if (fromCall.equals(callId)) {
            throw new IllegalArgumentException("fromCall: " + fromCall
                    + " (expected: the call connection id of another call than this one)");
        }
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
