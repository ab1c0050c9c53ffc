package io.switchboard.domain.participant;

import io.switchboard.domain.call.LegId;

import java.net.URI;
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
 * @param operationCallbackUri where the events of the pending operation go instead of the call's callback, if the
 *                             request named a place ({@code operationCallbackUri})
 */
public record Participant(ParticipantId id, CommunicationIdentifier identifier, LegId leg, ParticipantState state,
                          boolean joined, boolean muted, boolean invited, Optional<String> operationContext,
                          boolean onHold, Optional<URI> operationCallbackUri) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }

    /** A participant not on hold, whose events go to the call's callback. */
    public Participant(ParticipantId id, CommunicationIdentifier identifier, LegId leg, ParticipantState state,
                       boolean joined, boolean muted, boolean invited, Optional<String> operationContext) {
        this(id, identifier, leg, state, joined, muted, invited, operationContext, false, Optional.empty());
    }

    /** A target of a new call, being dialled. */
    public static Participant target(ParticipantId id, CommunicationIdentifier identifier, LegId leg) {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTING, false, false, false, Optional.empty());
    }

    /** A participant invited into a running call, being dialled. */
    public static Participant invitee(ParticipantId id, CommunicationIdentifier identifier, LegId leg,
                                      Optional<String> operationContext) {
        return invitee(id, identifier, leg, operationContext, Optional.empty());
    }

    /** A participant invited into a running call, being dialled; the invitation's events go to the callback given. */
    public static Participant invitee(ParticipantId id, CommunicationIdentifier identifier, LegId leg,
                                      Optional<String> operationContext, Optional<URI> operationCallbackUri) {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTING, false, false, true, operationContext,
                false, operationCallbackUri);
    }

    public Participant connected() {
        return with(ParticipantState.CONNECTED, true, muted, onHold, operationContext, operationCallbackUri);
    }

    /**
     * The participant as it arrives in another call: connected, muted or on hold as it was (its leg stays so), with
     * no operation pending and its events going to that call's callback.
     */
    public Participant movedIn() {
        return new Participant(id, identifier, leg, ParticipantState.CONNECTED, true, muted, false, Optional.empty(),
                onHold, Optional.empty());
    }

    public Participant removing(Optional<String> context) {
        return removing(context, Optional.empty());
    }

    public Participant removing(Optional<String> context, Optional<URI> callback) {
        return with(ParticipantState.REMOVING, joined, muted, onHold, context, callback);
    }

    /** The application canceled the pending invitation. */
    public Participant canceling(Optional<String> context, Optional<URI> callback) {
        return with(ParticipantState.CANCELING, joined, muted, onHold, context, callback);
    }

    public Participant leaving() {
        return with(ParticipantState.LEAVING, joined, muted, onHold, operationContext, operationCallbackUri);
    }

    public Participant withMuted(boolean next) {
        return with(state, joined, next, onHold, operationContext, operationCallbackUri);
    }

    public Participant withOnHold(boolean next) {
        return with(state, joined, muted, next, operationContext, operationCallbackUri);
    }

    public boolean isConnected() {
        return state == ParticipantState.CONNECTED;
    }

    private Participant with(ParticipantState nextState, boolean nextJoined, boolean nextMuted, boolean nextOnHold,
                             Optional<String> context, Optional<URI> callback) {
        return new Participant(id, identifier, leg, nextState, nextJoined, nextMuted, invited, context, nextOnHold,
                callback);
    }
}
