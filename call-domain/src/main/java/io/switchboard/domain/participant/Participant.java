package io.switchboard.domain.participant;

import io.switchboard.domain.call.LegId;

import java.util.Objects;
import java.util.Optional;

/**
 * A remote party of a call and the telephony leg that carries it.
 *
 * @param joined           whether the participant has ever been connected
 * @param invited          whether the participant was invited into a running call (its outcome is then reported
 *                         as an add-participant result)
 * @param operationContext the application's context of the pending operation on this participant (the invitation
 *                         while connecting, the removal while removing)
 */
public record Participant(ParticipantId id, CommunicationIdentifier identifier, LegId leg, ParticipantState state,
                          boolean joined, boolean muted, boolean invited, Optional<String> operationContext) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(operationContext, "operationContext");
    }

    /** A target of a new call, being dialled. */
    public static Participant target(ParticipantId id, CommunicationIdentifier identifier, LegId leg) {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTING, false, false, false, Optional.empty());
    }

    /** A participant invited into a running call, being dialled. */
    public static Participant invitee(ParticipantId id, CommunicationIdentifier identifier, LegId leg,
                                      Optional<String> operationContext) {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTING, false, false, true, operationContext);
    }

    public Participant connected() {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTED, true, muted, invited, operationContext);
    }

    public Participant removing(Optional<String> context) {
        return new Participant(id, identifier, leg, ParticipantState.REMOVING, joined, muted, invited, context);
    }

    public Participant leaving() {
        return new Participant(id, identifier, leg, ParticipantState.LEAVING, joined, muted, invited, operationContext);
    }

    public Participant withMuted(boolean next) {
        return new Participant(id, identifier, leg, state, joined, next, invited, operationContext);
    }

    public boolean isConnected() {
        return state == ParticipantState.CONNECTED;
    }
}
