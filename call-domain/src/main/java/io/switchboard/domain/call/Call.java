package io.switchboard.domain.call;

import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.RecognizeCanceled;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A call connection: the application's view of one call and its remote participants.
 *
 * <p>Immutable. Every change is a pure function returning a {@link Transition} with the next call and the events
 * it produced; a change that is not allowed throws {@link CallAutomationException}. Telephony signals that no
 * longer matter (a leg this call no longer has, a play that already ended) produce no events.
 *
 * <p>Media operations (a play, a recognition) run one at a time; the GA-only parts (recognition, continuous DTMF,
 * hold, mute, invitation cancel, transfer) are in {@link CallControl}'s terms but live here, as the state is one.
 *
 * @param endResult     why the call ended, once it has
 * @param recognize     the DTMF recognition, while one runs
 * @param dtmfListeners legs whose tones are reported one by one (continuous DTMF recognition)
 */
public record Call(CallConnectionId id, String serverCallId, CallSetup setup, CallState state,
                   List<Participant> participants, Optional<PlayOperation> play, boolean wasConnected,
                   int participantsSequence, int toneSequence, Optional<ResultInformation> endResult,
                   Instant createdAt, Optional<RecognizeOperation> recognize, Set<LegId> dtmfListeners) {

    /**
     * The most participants one call may have at once (ACS allows 350): what one conference mix of the media engine
     * carries, every leg hearing every other; past it a request is refused (400).
     */
    public static final int MAX_PARTICIPANTS = 32;

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(play, "play");
        Objects.requireNonNull(endResult, "endResult");
        Objects.requireNonNull(createdAt, "createdAt");
        participants = List.copyOf(participants);
        Objects.requireNonNull(recognize, "recognize");
        dtmfListeners = Set.copyOf(dtmfListeners);
    }

    /** A call with no recognition and no continuous DTMF recognition running. */
    public Call(CallConnectionId id, String serverCallId, CallSetup setup, CallState state,
                List<Participant> participants, Optional<PlayOperation> play, boolean wasConnected,
                int participantsSequence, int toneSequence, Optional<ResultInformation> endResult, Instant createdAt) {
        this(id, serverCallId, setup, state, participants, play, wasConnected, participantsSequence, toneSequence,
                endResult, createdAt, Optional.empty(), Set.of());
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
        if (state.isEnded()) {
            // the application left a conference: its participants go on without it, and without its events
            return Transition.of(next);
        }
        List<CallEvent> events = new ArrayList<>();
        if (gone.state() == ParticipantState.CONNECTING && gone.invited()) {
            events.add(new AddParticipantFailed(id, gone.operationContext(), gone, cause));
        }
        if (gone.state() == ParticipantState.REMOVING) {
            events.add(new RemoveParticipantSucceeded(id, gone.operationContext(), gone));
        }
        if (gone.state() == ParticipantState.CANCELING) {
            events.add(new CancelAddParticipantSucceeded(id, gone, gone.operationContext(),
                    gone.operationCallbackUri()));
        }
        // a recognition listening to the leg that left has nobody to hear: it ends without an event
        if (next.recognize.filter(r -> r.target().equals(leg)).isPresent()) {
            next = next.withRecognize(Optional.empty());
        }
        if (gone.joined() && gone.state() != ParticipantState.LEAVING && !next.participants.isEmpty()) {
            next = next.withParticipantsUpdated(events);
        }
        if (next.participants.isEmpty()) {
            next = next.withPlay(next.play.map(Call::endedWithCall)).withRecognize(Optional.empty());
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
                .withPlay(play.map(Call::endedWithCall)).withRecognize(Optional.empty());
        return Transition.of(next, next.stateChanged(CallState.DISCONNECTING, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    /**
     * The application leaves the call (ACS's hang-up without terminating): with two or more connected participants
     * the call connection ends for the application while the participants stay connected to each other; otherwise
     * it is {@link #hangUp()}. Participants still being dialled are left to the caller to hang up.
     */
    public Transition leave() {
        requireNotEnded();
        if (state != CallState.CONNECTED || connectedParticipants().size() < 2) {
            return hangUp();
        }
        Call next = withState(CallState.DISCONNECTED, wasConnected, Optional.of(ResultInformation.HUNG_UP_BY_APPLICATION))
                .withPlay(play.map(Call::endedWithCall)).withRecognize(Optional.empty());
        return Transition.of(next, next.stateChanged(CallState.DISCONNECTED, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    /** Starts a play; only one media operation (play or recognition) may run at a time. */
    public Transition startPlay(PlayOperation operation) {
        return startPlay(operation, false);
    }

    /**
     * Starts a play; with {@code interrupt}, a running play or recognition is canceled first (its cancellation is
     * reported), else a running one refuses the play with {@link ErrorCode#MEDIA_OPERATION_ACTIVE}.
     */
    public Transition startPlay(PlayOperation operation, boolean interrupt) {
        Transition cleared = clearMedia(interrupt);
        return new Transition(cleared.call().withPlay(Optional.of(operation)), cleared.events());
    }

    /** The running media operation is canceled when {@code interrupt}, refused otherwise. */
    Transition clearMedia(boolean interrupt) {
        requireConnected();
        if (!interrupt && hasActiveMedia()) {
            throw new CallAutomationException(ErrorCode.MEDIA_OPERATION_ACTIVE,
                    "A media operation is already running in call " + id + ": cancel it first.");
        }
        return cancelMedia();
    }

    public boolean hasActiveMedia() {
        return play.filter(PlayOperation::isActive).isPresent() || recognize.isPresent();
    }

    /** The running play ended, successfully or not; anything else about a play that is not running is ignored. */
    public Transition playEnded(PlayOperation.Outcome outcome) {
        if (recognize.filter(r -> r.id().equals(outcome.operationId())).isPresent()) {
            return CallControl.promptEnded(this, outcome);
        }
        Optional<PlayOperation> running = play.filter(p -> p.isActive() && p.id().equals(outcome.operationId()));
        if (running.isEmpty()) {
            return Transition.of(this);
        }
        PlayOperation ended = running.get().ended(outcome.status(), outcome.result());
        CallEvent event = outcome.status() == OperationStatus.COMPLETED
                ? new PlayCompleted(id, ended) : new PlayFailed(id, ended, outcome.result());
        return Transition.of(withPlay(Optional.of(ended)), event);
    }

    /** Cancels the running play or recognition, if any; the cancellation is reported. */
    public Transition cancelMedia() {
        requireNotEnded();
        List<CallEvent> events = new ArrayList<>();
        Call next = this;
        Optional<PlayOperation> running = play.filter(PlayOperation::isActive);
        if (running.isPresent()) {
            PlayOperation canceled = running.get().ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED);
            next = next.withPlay(Optional.of(canceled));
            events.add(new PlayCanceled(id, canceled));
        }
        if (recognize.isPresent()) {
            next = next.withRecognize(Optional.empty());
            events.add(new RecognizeCanceled(id, recognize.get()));
        }
        return new Transition(next, events);
    }

    /** A connected participant pressed a key. */
    public Transition toneReceived(LegId leg, Tone tone) {
        Optional<Participant> from = participant(leg).filter(Participant::isConnected);
        if (from.isEmpty()) {
            return Transition.of(this);
        }
        Call next = new Call(id, serverCallId, setup, state, participants, play, wasConnected, participantsSequence,
                toneSequence + 1, endResult, createdAt, recognize, dtmfListeners);
        List<CallEvent> events = new ArrayList<>();
        if (setup.requestedEvents().contains(RequestedCallEvent.DTMF_RECEIVED) || dtmfListeners.contains(leg)) {
            events.add(new ToneReceived(id, from.get(), tone, next.toneSequence));
        }
        Transition recognized = CallControl.toneForRecognition(next, leg, tone);
        events.addAll(recognized.events());
        return new Transition(recognized.call(), events);
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
        return removeParticipant(idOrRawId, operationContext, Optional.empty());
    }

    /** Like {@link #removeParticipant(String, Optional)}, the removal's events going to {@code callback}, if given. */
    public Transition removeParticipant(String idOrRawId, Optional<String> operationContext, Optional<URI> callback) {
        requireNotEnded();
        Participant target = find(idOrRawId);
        if (target.state() == ParticipantState.REMOVING || target.state() == ParticipantState.LEAVING
                || target.state() == ParticipantState.CANCELING) {
            return Transition.of(this);
        }
        return Transition.of(withParticipants(replace(target.removing(operationContext, callback))));
    }

    /** @throws CallAutomationException {@link ErrorCode#PARTICIPANT_NOT_FOUND} if the call has no such participant */
    Participant find(String idOrRawId) {
        return participant(idOrRawId).orElseThrow(() -> new CallAutomationException(
                ErrorCode.PARTICIPANT_NOT_FOUND, "Participant " + idOrRawId + " is not in call " + id + "."));
    }

    /** Starts a DTMF recognition on a connected participant; see {@link #startPlay(PlayOperation, boolean)}. */
    public Transition startRecognize(RecognizeOperation operation, boolean interrupt) {
        return CallControl.startRecognize(this, operation, interrupt);
    }

    /**
     * A silence timer of the running recognition fired; it was set when {@code tonesSoFar} tones had been collected.
     * Stale timers (another operation, or tones since) change nothing.
     */
    public Transition recognizeTimedOut(MediaOperationId operation, int tonesSoFar) {
        return CallControl.recognizeTimedOut(this, operation, tonesSoFar);
    }

    /** Reports the tones of a connected participant one by one from now on. */
    public Transition startContinuousDtmf(String idOrRawId) {
        return CallControl.startContinuousDtmf(this, idOrRawId);
    }

    /** Stops reporting a participant's tones; reported as {@code ContinuousDtmfRecognitionStopped}. */
    public Transition stopContinuousDtmf(String idOrRawId, Optional<String> context, Optional<URI> callback) {
        return CallControl.stopContinuousDtmf(this, idOrRawId, context, callback);
    }

    /** Mutes or unmutes a connected participant; the participants update follows. */
    public Transition mute(String idOrRawId, boolean muted) {
        return CallControl.mute(this, idOrRawId, muted);
    }

    /** Puts a connected participant on hold, or takes it off; the participants update follows. */
    public Transition hold(String idOrRawId, boolean onHold) {
        return CallControl.hold(this, idOrRawId, onHold);
    }

    /**
     * Cancels a ringing invitation (its id is the invitee's participant id): its leg is to be hung up, then
     * {@code CancelAddParticipantSucceeded} follows. Anything else is reported as {@code CancelAddParticipantFailed}.
     */
    public Transition cancelInvitation(String invitationId, Optional<String> context, Optional<URI> callback) {
        return CallControl.cancelInvitation(this, invitationId, context, callback);
    }

    /** The tones an application sent were sent, or could not be ({@code failure}). */
    public Transition tonesSent(Optional<String> context, Optional<URI> callback, Optional<ResultInformation> failure) {
        return CallControl.tonesSent(this, context, callback, failure);
    }

    /** The music for a held participant could not be played. */
    public Transition holdMusicFailed(LegId leg, Optional<String> context, Optional<URI> callback,
                                      ResultInformation why) {
        return CallControl.holdMusicFailed(this, leg, context, callback, why);
    }

    /**
     * The participant's leg was handed over to {@code target}: it leaves this call without being hung up, and
     * {@code CallTransferAccepted} is reported; the call ends if it was the last participant.
     */
    public Transition transferred(LegId transferee, CommunicationIdentifier target, Optional<String> context,
                                  Optional<URI> callback) {
        return CallControl.transferred(this, transferee, target, context, callback);
    }

    /** A transfer could not be done; the participant stays. */
    public Transition transferFailed(Optional<String> context, Optional<URI> callback, ResultInformation why) {
        return CallControl.transferFailed(this, context, callback, why);
    }

    /** A play still running when the call ends stops with it; no event, as ACS sends none. */
    private static PlayOperation endedWithCall(PlayOperation operation) {
        return operation.isActive() ? operation.ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)
                : operation;
    }

    void requireNotEnded() {
        if (state.isEnded()) {
            throw new CallAutomationException(ErrorCode.CALL_TERMINATED, "Call " + id + " has already ended.");
        }
    }

    void requireConnected() {
        requireNotEnded();
        if (state != CallState.CONNECTED) {
            throw new CallAutomationException(ErrorCode.CALL_NOT_ESTABLISHED,
                    "Call " + id + " is " + state.name().toLowerCase() + " (expected: connected).");
        }
    }

    CallConnectionStateChanged stateChanged(CallState to, ResultInformation why) {
        return new CallConnectionStateChanged(id, serverCallId, to, wasConnected, why, setup.operationContext(),
                setup.answered());
    }

    Call withParticipantsUpdated(List<CallEvent> events) {
        Call next = new Call(id, serverCallId, setup, state, participants, play, wasConnected,
                participantsSequence + 1, toneSequence, endResult, createdAt, recognize, dtmfListeners);
        if (setup.requestedEvents().contains(RequestedCallEvent.PARTICIPANTS_UPDATED)) {
            events.add(new ParticipantsUpdated(id, next.participantsSequence, next.connectedParticipants()));
        }
        return next;
    }

    List<Participant> replace(Participant changed) {
        return participants.stream().map(p -> p.id().equals(changed.id()) ? changed : p).toList();
    }

    Call withParticipants(List<Participant> next) {
        return new Call(id, serverCallId, setup, state, next, play, wasConnected, participantsSequence, toneSequence,
                endResult, createdAt, recognize, dtmfListeners);
    }

    Call withRecognize(Optional<RecognizeOperation> next) {
        return new Call(id, serverCallId, setup, state, participants, play, wasConnected, participantsSequence,
                toneSequence, endResult, createdAt, next, dtmfListeners);
    }

    Call withDtmfListeners(Set<LegId> next) {
        return new Call(id, serverCallId, setup, state, participants, play, wasConnected, participantsSequence,
                toneSequence, endResult, createdAt, recognize, next);
    }

    Call withState(CallState next, boolean connected, Optional<ResultInformation> result) {
        if (!state.canMoveTo(next)) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE,
                    "Call " + id + " cannot go from " + state + " to " + next + ".");
        }
        return new Call(id, serverCallId, setup, next, participants, play, connected, participantsSequence,
                toneSequence, result, createdAt, recognize, dtmfListeners);
    }

    Call withPlay(Optional<PlayOperation> next) {
        return new Call(id, serverCallId, setup, state, participants, next, wasConnected, participantsSequence,
                toneSequence, endResult, createdAt, recognize, dtmfListeners);
    }
}
