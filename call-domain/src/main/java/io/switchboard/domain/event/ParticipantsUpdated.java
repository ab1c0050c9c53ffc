package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.Participant;

import java.util.List;

/**
 * The set of connected participants changed.
 *
 * @param sequenceNumber increases by one with each update of the call
 * @param participants   every participant connected now
 */
public record ParticipantsUpdated(CallConnectionId callId, int sequenceNumber, List<Participant> participants)
        implements CallEvent {

    public ParticipantsUpdated {
        participants = List.copyOf(participants);
    }
}
