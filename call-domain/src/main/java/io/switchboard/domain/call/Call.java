package io.switchboard.domain.call;

import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call connection: the application's view of one call and its remote participants.
 *
 * <p>Immutable. Every change is a pure function returning a {@link Transition} with the next call and the events
 * it produced; a change that is not allowed throws {@link CallAutomationException}. Telephony signals that no
 * longer matter (a leg this call no longer has, a play that already ended) produce no events.
 *
 * @param endResult why the call ended, once it has
 */
public record Call(CallConnectionId id, String serverCallId, CallSetup setup, CallState state,
                   List<Participant> participants, Optional<PlayOperation> play, boolean wasConnected,
                   int participantsSequence, int toneSequence, Optional<ResultInformation> endResult,
                   Instant createdAt) {

    /** The most participants one call may have at once (ACS allows 350). */
    public static final int MAX_PARTICIPANTS = 100;

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(play, "play");
        Objects.requireNonNull(endResult, "endResult");
        Objects.requireNonNull(createdAt, "createdAt");
        participants = List.copyOf(participants);
    }

    /** A new call dialling its targets. */
    public static Transition create(CallConnectionId id, String serverCallId, CallSetup setup,
                                    List<Participant> targets, Instant at) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets: empty (expected: at least one participant)");
        }
        if (targets.size() > MAX_PARTICIPANTS) {
            throw new CallAutomationException(ErrorCode.TOO_MANY_PARTICIPANTS,
                    "targets: " + targets.size() + " (expected: at most " + MAX_PARTICIPANTS + ")");
        }
        Call call = new Call(id, serverCallId, setup, CallState.CONNECTING, targets, Optional.empty(), false, 0, 0,
                Optional.empty(), at);
        return Transition.of(call, call.stateChanged(CallState.CONNECTING, ResultInformation.CONNECTING));
    }

    public Optional<Participant> participant(LegId leg) {
        return participants.stream().filter(p -> p.leg().equals(leg)).findFirst();
    }

    /** Finds a participant by the id this server gave it, or by its identifier's raw id. */
    public Optional<Participant> participant(String idOrRawId) {
        return participants.stream()
                .filter(p -> p.id().value().equals(idOrRawId) || p.identifier().rawId().equals(idOrRawId))
                .findFirst();
    }

    public List<Participant> connectedParticipants() {
        return participants.stream().filter(Participant::isConnected).toList();
    }

    /** A leg answered: its participant joins; the first to join connects the call. */
    public Transition legAnswered(LegId leg) {
        Optional<Participant> found = participant(leg).filter(p -> p.state() == ParticipantState.CONNECTING);
        if (found.isEmpty() || state == CallState.DISCONNECTING || state.isEnded()) {
            return Transition.of(this);
        }
        Participant joined = found.get().connected();
        Call next = withParticipants(replace(joined));
        List<CallEvent> events = new ArrayList<>();
        if (state == CallState.CONNECTING) {
            next = next.withState(CallState.CONNECTED, true, Optional.empty());
            // wasConnected tells whether the call had been connected *before* this change: not yet, here
            events.add(stateChanged(CallState.CONNECTED, ResultInformation.CONNECTED));
        }
        if (joined.invited()) {
            events.add(new AddParticipantSucceeded(id, joined.operationContext(), joined));
        }
        next = next.withParticipantsUpdated(events);
        return new Transition(next, events);
    }

    /** A leg ended, for the given cause; the call ends with its last leg. */
    public Transition legEnded(LegId leg, ResultInformation cause) {
        Optional<Participant> found = participant(leg);
        if (found.isEmpty()) {
            return Transition.of(this);
        }
        Participant gone = found.get();
        Call next = withParticipants(participants.stream().filter(p -> !p.leg().equals(leg)).toList());
        List<CallEvent> events = new ArrayList<>();
        if (gone.state() == ParticipantState.CONNECTING && gone.invited()) {
            events.add(new AddParticipantFailed(id, gone.operationContext(), gone, cause));
        }
        if (gone.state() == ParticipantState.REMOVING) {
            events.add(new RemoveParticipantSucceeded(id, gone.operationContext(), gone));
        }
        if (gone.joined() && gone.state() != ParticipantState.LEAVING && !next.participants.isEmpty()) {
            next = next.withParticipantsUpdated(events);
        }
        if (next.participants.isEmpty()) {
            next = next.withPlay(next.play.map(Call::endedWithCall));
            ResultInformation why = state == CallState.DISCONNECTING || gone.state() == ParticipantState.REMOVING
                    ? ResultInformation.HUNG_UP_BY_APPLICATION : cause;
            next = next.withState(CallState.DISCONNECTED, wasConnected, Optional.of(why));
            events.add(next.stateChanged(CallState.DISCONNECTED, why));
        }
        return new Transition(next, events);
    }

    /**
     * The application hangs up: every leg is hung up, the call is disconnecting until the last one has ended.
     * Hanging up a call that is already disconnecting changes nothing.
     */
    public Transition hangUp() {
        requireNotEnded();
        if (state == CallState.DISCONNECTING) {
            return Transition.of(this);
        }
        Call next = withParticipants(participants.stream().map(Participant::leaving).toList())
                .withState(CallState.DISCONNECTING, wasConnected, Optional.empty())
                .withPlay(play.map(Call::endedWithCall));
        return Transition.of(next, next.stateChanged(CallState.DISCONNECTING, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    /** Starts a play; only one may run at a time. */
    public Transition startPlay(PlayOperation operation) {
        requireConnected();
        if (play.filter(PlayOperation::isActive).isPresent()) {
            throw new CallAutomationException(ErrorCode.MEDIA_OPERATION_ACTIVE,
                    "A media operation is already running in call " + id + ": cancel it first.");
        }
        return Transition.of(withPlay(Optional.of(operation)));
    }

    /** The running play ended, successfully or not; anything else about a play that is not running is ignored. */
    public Transition playEnded(PlayOperation.Outcome outcome) {
        Optional<PlayOperation> running = play.filter(p -> p.isActive() && p.id().equals(outcome.operationId()));
        if (running.isEmpty()) {
            return Transition.of(this);
        }
        PlayOperation ended = running.get().ended(outcome.status(), outcome.result());
        CallEvent event = outcome.status() == OperationStatus.COMPLETED
                ? new PlayCompleted(id, ended) : new PlayFailed(id, ended, outcome.result());
        return Transition.of(withPlay(Optional.of(ended)), event);
    }

    /** Cancels the running play, if any. */
    public Transition cancelMedia() {
        requireNotEnded();
        Optional<PlayOperation> running = play.filter(PlayOperation::isActive);
        if (running.isEmpty()) {
            return Transition.of(this);
        }
        PlayOperation canceled = running.get().ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED);
        return Transition.of(withPlay(Optional.of(canceled)), new PlayCanceled(id, canceled));
    }

    /** A connected participant pressed a key. */
    public Transition toneReceived(LegId leg, Tone tone) {
        Optional<Participant> from = participant(leg).filter(Participant::isConnected);
        if (from.isEmpty()) {
            return Transition.of(this);
        }
        Call next = new Call(id, serverCallId, setup, state, participants, play, wasConnected, participantsSequence,
                toneSequence + 1, endResult, createdAt);
        if (!setup.requestedEvents().contains(RequestedCallEvent.DTMF_RECEIVED)) {
            return Transition.of(next);
        }
        return Transition.of(next, new ToneReceived(id, from.get(), tone, next.toneSequence));
    }

    /** Invites participants into the connected call; each is dialled on its own leg. */
    public Transition invite(List<Participant> invitees) {
        requireConnected();
        if (participants.size() + invitees.size() > MAX_PARTICIPANTS) {
            throw new CallAutomationException(ErrorCode.TOO_MANY_PARTICIPANTS, "participants: "
                    + (participants.size() + invitees.size()) + " in call " + id + " (expected: at most "
                    + MAX_PARTICIPANTS + ")");
        }
        List<Participant> all = new ArrayList<>(participants);
        all.addAll(invitees);
        return Transition.of(withParticipants(all));
    }

    /**
     * Starts removing a participant, found by participant id or raw identifier; its leg is to be hung up.
     *
     * @throws CallAutomationException {@link ErrorCode#PARTICIPANT_NOT_FOUND} if the call has no such participant
     */
    public Transition removeParticipant(String idOrRawId, Optional<String> operationContext) {
        requireNotEnded();
        Participant target = participant(idOrRawId).orElseThrow(() -> new CallAutomationException(
                ErrorCode.PARTICIPANT_NOT_FOUND, "Participant " + idOrRawId + " is not in call " + id + "."));
        if (target.state() == ParticipantState.REMOVING || target.state() == ParticipantState.LEAVING) {
            return Transition.of(this);
        }
        return Transition.of(withParticipants(replace(target.removing(operationContext))));
    }

    /** A play still running when the call ends stops with it; no event, as ACS sends none. */
    private static PlayOperation endedWithCall(PlayOperation operation) {
        return operation.isActive() ? operation.ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)
                : operation;
    }

    private void requireNotEnded() {
        if (state.isEnded()) {
            throw new CallAutomationException(ErrorCode.CALL_TERMINATED, "Call " + id + " has already ended.");
        }
    }

    private void requireConnected() {
        requireNotEnded();
        if (state != CallState.CONNECTED) {
            throw new CallAutomationException(ErrorCode.CALL_NOT_ESTABLISHED,
                    "Call " + id + " is " + state.name().toLowerCase() + " (expected: connected).");
        }
    }

    private CallConnectionStateChanged stateChanged(CallState to, ResultInformation why) {
        return new CallConnectionStateChanged(id, serverCallId, to, wasConnected, why);
    }

    private Call withParticipantsUpdated(List<CallEvent> events) {
        Call next = new Call(id, serverCallId, setup, state, participants, play, wasConnected,
                participantsSequence + 1, toneSequence, endResult, createdAt);
        if (setup.requestedEvents().contains(RequestedCallEvent.PARTICIPANTS_UPDATED)) {
            events.add(new ParticipantsUpdated(id, next.participantsSequence, next.connectedParticipants()));
        }
        return next;
    }

    private List<Participant> replace(Participant changed) {
        return participants.stream().map(p -> p.id().equals(changed.id()) ? changed : p).toList();
    }

    private Call withParticipants(List<Participant> next) {
        return new Call(id, serverCallId, setup, state, next, play, wasConnected, participantsSequence, toneSequence,
                endResult, createdAt);
    }

    private Call withState(CallState next, boolean connected, Optional<ResultInformation> result) {
        if (!state.canMoveTo(next)) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE,
                    "Call " + id + " cannot go from " + state + " to " + next + ".");
        }
        return new Call(id, serverCallId, setup, next, participants, play, connected, participantsSequence,
                toneSequence, result, createdAt);
    }

    private Call withPlay(Optional<PlayOperation> next) {
        return new Call(id, serverCallId, setup, state, participants, next, wasConnected, participantsSequence,
                toneSequence, endResult, createdAt);
    }
}
