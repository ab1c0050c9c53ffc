package io.switchboard.domain.participant;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;

import java.util.Objects;
import java.util.Optional;

/**
 * A remote party of a call and the telephony leg that carries it.
 *
 * @param joined               whether the participant has ever been connected
 * @param invited              whether the participant was invited into a running call (its outcome is then reported
 *                             as an add-participant result)
 * @param operationContext     the application's context of the pending operation on this participant (the invitation
 *                             while connecting, the removal while removing)
 * @param onHold               whether the application put the participant on hold (it no longer hears the call)
 * @param operationCallback    where the events of the pending operation go: the connection it was asked through,
 *                             and the request's {@code operationCallbackUri}
 */
public record Participant(ParticipantId id, CommunicationIdentifier identifier, LegId leg, ParticipantState state,
                          boolean joined, boolean muted, boolean invited, Optional<String> operationContext,
                          boolean onHold, OperationCallback operationCallback) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
    }

    /** A participant not on hold, whose events go to the call's callback. */
    public Participant(ParticipantId id, CommunicationIdentifier identifier, LegId leg, ParticipantState state,
                       boolean joined, boolean muted, boolean invited, Optional<String> operationContext) {
        this(id, identifier, leg, state, joined, muted, invited, operationContext, false, OperationCallback.OWN);
    }

    /** A target of a new call, being dialled. */
    public static Participant target(ParticipantId id, CommunicationIdentifier identifier, LegId leg) {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTING, false, false, false, Optional.empty());
    }

    /** A participant invited into a running call, being dialled. */
    public static Participant invitee(ParticipantId id, CommunicationIdentifier identifier, LegId leg,
                                      Optional<String> operationContext) {
        return invitee(id, identifier, leg, operationContext, OperationCallback.OWN);
    }

    /** A participant invited into a running call, being dialled; the invitation's events go to the callback given. */
    public static Participant invitee(ParticipantId id, CommunicationIdentifier identifier, LegId leg,
                                      Optional<String> operationContext, OperationCallback operationCallback) {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTING, false, false, true, operationContext,
                false, operationCallback);
    }

    public Participant connected() {
        return with(ParticipantState.CONNECTED, true, muted, onHold, operationContext, operationCallback);
    }

    /**
     * The participant as it arrives in another call: connected, muted or on hold as it was (its leg stays so), with
     * no operation pending and its events going to that call's callback.
     */
    public Participant movedIn() {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTED, true, muted, false, Optional.empty(),
                onHold, OperationCallback.OWN);
    }

    public Participant removing(Optional<String> context) {
        return removing(context, OperationCallback.OWN);
    }

    public Participant removing(Optional<String> context, OperationCallback callback) {
        return with(ParticipantState.REMOVING, joined, muted, onHold, context, callback);
    }

    /** The application canceled the pending invitation. */
    public Participant canceling(Optional<String> context, OperationCallback callback) {
        return with(ParticipantState.CANCELING, joined, muted, onHold, context, callback);
    }

    public Participant leaving() {
        return with(ParticipantState.LEAVING, joined, muted, onHold, operationContext, operationCallback);
    }

    public Participant withMuted(boolean next) {
        return with(state, joined, next, onHold, operationContext, operationCallback);
    }

    public Participant withOnHold(boolean next) {
        return with(state, joined, muted, next, operationContext, operationCallback);
    }

    public boolean isConnected() {
        return state == ParticipantState.CONNECTED;
    }

    private Participant with(ParticipantState nextState, boolean nextJoined, boolean nextMuted, boolean nextOnHold,
                             Optional<String> context, OperationCallback callback) {
        return new Participant(id, identifier, leg, nextState, nextJoined, nextMuted, invited, context, nextOnHold,
                callback);
    }
}
