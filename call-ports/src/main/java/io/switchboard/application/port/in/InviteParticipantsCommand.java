package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Invite participants into a connected call.
 *
 * @param operationCallbackUri where the invitations' events go instead of the call's callback
 */
public record InviteParticipantsCommand(CallConnectionId callId, List<CommunicationIdentifier> participants,
                                        Optional<PhoneNumberIdentifier> callerId, Optional<String> operationContext,
                                        Optional<Duration> ringTimeout, Optional<URI> operationCallbackUri) {

    /** Invitations whose events go to the call's callback. */
    public InviteParticipantsCommand(CallConnectionId callId, List<CommunicationIdentifier> participants,
                                     Optional<PhoneNumberIdentifier> callerId, Optional<String> operationContext,
                                     Optional<Duration> ringTimeout) {
        this(callId, participants, callerId, operationContext, ringTimeout, Optional.empty());
    }

    public InviteParticipantsCommand {
        Objects.requireNonNull(callId, "callId");
        if (participants == null || participants.isEmpty()) {
            throw new IllegalArgumentException("participants: " + participants + " (expected: at least one identifier)");
        }
        participants = List.copyOf(participants);
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        ringTimeout.ifPresent(CreateCallCommand::requirePositive);
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
