package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.SpeechSignal;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.streaming.MediaStreaming;
import io.switchboard.domain.streaming.StreamSpec.Content;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A call connection: the application's view of one call and its remote participants.
 *
 * <p>Immutable, and made of parts: where it is in its life ({@link Lifecycle}), its participants ({@link Roster}),
 * the media it plays ({@link MediaSlot}) and the other applications connected to it ({@link Connection}). Every
 * change is a pure function returning a {@link Transition}: the next call, the events it produced, and the {@link
 * TelephonyCommand}s telephony must carry out; a change that is not allowed throws {@link CallAutomationException}.
 * Telephony signals that no longer matter (a leg this call no longer has, a play that already ended) produce neither
 * events nor commands. The participants' transitions are in {@link CallParticipants}, the media ones in {@link
 * CallMedia}, the other GA call-control ones in {@link CallControl}, the connections' in {@link CallConnections}.
 */
public record Call(CallConnectionId id, String serverCallId, CallSetup setup, Instant createdAt, Lifecycle lifecycle,
                   Roster roster, MediaSlot media, List<Connection> connections) {

    /**
     * The most participants one call may have at once (ACS allows 350): what one conference mix of the media engine
     * carries, every leg hearing every other; past it a request is refused (400).
     */
    public static final int MAX_PARTICIPANTS = 32;

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(media, "media");
        connections = List.copyOf(connections);
    }

    /** A new call dialling its targets, each ringing for {@code ringTimeout} (the server's default if empty). */
    public static Transition create(CallConnectionId id, String serverCallId, CallSetup setup,
                                    List<Participant> targets, Instant at, Optional<Duration> ringTimeout) {
        Transition created = connecting(id, serverCallId, setup, targets, at);
        return created.and(CallParticipants.dials(targets, setup.callerId(), ringTimeout));
    }

    /** A new call dialling its targets for the server's default ring time. */
    public static Transition create(CallConnectionId id, String serverCallId, CallSetup setup,
                                    List<Participant> targets, Instant at) {
        return create(id, serverCallId, setup, targets, at, Optional.empty());
    }

    /** A call the application answers: the caller's leg is telephony's already, nothing is dialled. */
    public static Transition answered(CallConnectionId id, String serverCallId, CallSetup setup, Participant caller,
                                      Instant at) {
        return connecting(id, serverCallId, setup.asAnswered(), List.of(caller), at);
    }

    private static Transition connecting(CallConnectionId id, String serverCallId, CallSetup setup,
                                         List<Participant> targets, Instant at) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets: empty (expected: at least one participant)");
        }
        if (targets.size() > MAX_PARTICIPANTS) {
            throw new CallAutomationException(ErrorCode.TOO_MANY_PARTICIPANTS,
                    "targets: " + targets.size() + " (expected: at most " + MAX_PARTICIPANTS + ")");
        }
        MediaSlot media = MediaSlot.EMPTY
                .withStreaming(setup.streaming().map(spec -> MediaStreaming.of(subscription("media-streaming", id),
                        spec)))
                .withTranscription(setup.transcription().map(spec -> MediaStreaming.of(
                        subscription("transcription", id), spec)));
        Call call = new Call(id, serverCallId, setup, at, Lifecycle.connecting(), Roster.of(targets), media,
                List.of());
        return Transition.of(call, call.stateChanged(CallState.CONNECTING, ResultInformation.CONNECTING));
    }

    /**
     * A call as a journal kept it: its setup, life and participants. Its media is not kept (no play, recognition,
     * recording or stream outlives the process that ran it).
     */
    public static Call restored(CallConnectionId id, String serverCallId, CallSetup setup, Instant createdAt,
                                Lifecycle lifecycle, Roster roster, List<Connection> connections) {
        return new Call(id, serverCallId, setup, createdAt, lifecycle, roster, MediaSlot.EMPTY, connections);
    }

    /**
     * The server stopped while this call was live, and has started again: its media and its legs' dialogs are gone
     * with the process. The call ends, reported once with {@link ResultInformation#SERVER_RESTARTED}; telephony hangs
     * up any leg it still knows. An ended call is left as it is.
     */
    public Transition serverRestarted() {
        if (state().isEnded()) {
            return Transition.of(this);
        }
        Call gone = withRoster(roster.with(List.of()));
        return gone.moveTo(CallState.DISCONNECTED, ResultInformation.SERVER_RESTARTED)
                .and(participants().stream().map(p -> new HangUp(p.leg())).toArray(TelephonyCommand[]::new));
    }

    /** A subscription's id: a UUID derived from the call's, so that it needs no generator. */
    private static MediaOperationId subscription(String kind, CallConnectionId id) {
        return MediaOperationId.of(UUID.nameUUIDFromBytes((kind + ":" + id).getBytes(UTF_8)).toString());
    }

    public CallState state() {
        return lifecycle.state();
    }

    public boolean wasConnected() {
        return lifecycle.wasConnected();
    }

    public Optional<ResultInformation> endResult() {
        return lifecycle.endResult();
    }

    public List<Participant> participants() {
        return roster.participants();
    }

    public int participantsSequence() {
        return roster.sequence();
    }

    public int toneSequence() {
        return roster.toneSequence();
    }

    public Set<LegId> dtmfListeners() {
        return roster.dtmfListeners();
    }

    public Optional<PlayOperation> play() {
        return media.play();
    }

    public Optional<RecognizeOperation> recognize() {
        return media.recognize();
    }

    public Optional<Participant> participant(LegId leg) {
        return roster.find(leg);
    }

    /** Finds a participant by the id this server gave it, or by its identifier's raw id. */
    public Optional<Participant> participant(String idOrRawId) {
        return roster.find(idOrRawId);
    }

    public List<Participant> connectedParticipants() {
        return roster.connected();
    }

    /** A leg answered: its participant joins; the first to join connects the call. */
    public Transition legAnswered(LegId leg) {
        return CallParticipants.answered(this, leg);
    }

    /**
     * A leg ended, for the given cause; the media only it heard stops, and the call ends with its last leg. After the
     * application left a conference, a participant left alone in it is hung up, as ACS does.
     */
    public Transition legEnded(LegId leg, ResultInformation cause) {
        return CallParticipants.ended(this, leg, cause);
    }

    /**
     * The application hangs up: every leg is hung up and every media stopped; the call is disconnecting until the last
     * leg has ended. Hanging up a call that is already disconnecting changes nothing.
     */
    public Transition hangUp() {
        requireNotEnded();
        if (state() == CallState.DISCONNECTING) {
            return Transition.of(this);
        }
        Call leaving = withRoster(roster.with(participants().stream().map(Participant::leaving).toList()));
        return CallMedia.stopAll(leaving)
                .then(c -> c.moveTo(CallState.DISCONNECTING, ResultInformation.HUNG_UP_BY_APPLICATION))
                .and(participants().stream().map(p -> new HangUp(p.leg())).toArray(TelephonyCommand[]::new));
    }

    /**
     * The application leaves the call (ACS's hang-up without terminating): with two or more connected participants
     * the call connection ends for the application while the participants stay connected to each other, those still
     * being dialled are hung up; otherwise it is {@link #hangUp()}.
     */
    public Transition leave() {
        requireNotEnded();
        if (state() != CallState.CONNECTED || connectedParticipants().size() < 2) {
            return hangUp();
        }
        return CallMedia.stopAll(this)
                .then(c -> c.moveTo(CallState.DISCONNECTED, ResultInformation.HUNG_UP_BY_APPLICATION))
                .and(participants().stream().filter(p -> !p.isConnected()).map(p -> new HangUp(p.leg()))
                        .toArray(TelephonyCommand[]::new));
    }

    /**
     * The call moves to {@code to} for {@code why}, reported; DISCONNECTED keeps {@code why} as its end result, and
     * ends the other applications' connections too, each told.
     */
    Transition moveTo(CallState to, ResultInformation why) {
        Optional<ResultInformation> result = to.isEnded() ? Optional.of(why) : Optional.empty();
        Call next = withState(to, wasConnected(), result);
        Transition moved = Transition.of(next, next.stateChanged(to, why));
        return to.isEnded() ? moved.then(c -> CallConnections.ended(c, why)) : moved;
    }

    /** Another application's connection to the call (made with {@code connect}), by its id. */
    public Optional<Connection> connection(CallConnectionId connection) {
        return connections.stream().filter(c -> c.id().equals(connection)).findFirst();
    }

    /**
     * Where the events of an operation asked for through {@code askedThrough} go: that connection alone (the call's
     * own id, or another application's connection to it), at {@code operationCallbackUri} if the request gave one.
     */
    public OperationCallback operationCallback(CallConnectionId askedThrough, Optional<URI> operationCallbackUri) {
        return askedThrough.equals(id) ? OperationCallback.own(operationCallbackUri)
                : new OperationCallback(Optional.of(askedThrough), operationCallbackUri);
    }

    /**
     * Another application connects to the connected call: {@code CallConnected} goes to it; from then on it is told
     * of the call's participants and media as the call's own application is, under its own connection id, and of the
     * results of the operations asked through it ({@link #operationCallback}).
     *
     * @throws CallAutomationException unless the call is connected, or if it has {@value CallConnections#MAX}
     *                                 connections already
     */
    public Transition connect(Connection connection) {
        return CallConnections.connect(this, connection);
    }

    /**
     * Another application's connection leaves the call (its hang-up): {@code CallDisconnected} goes to it alone; the
     * play or recognition asked through it stops, unreported. The call, and what the others asked for, go on.
     */
    public Transition disconnect(CallConnectionId connection) {
        return CallConnections.disconnect(this, connection);
    }

    /** Starts a play to everyone connected and not on hold; see {@link #startPlay(PlayOperation, List, boolean)}. */
    public Transition startPlay(PlayOperation operation) {
        return startPlay(operation, List.of(), false);
    }

    /**
     * Starts a play to the named connected participants ({@code playTo}: ids or raw ids; empty for everyone connected
     * and not on hold). With {@code interrupt}, a running play or recognition is canceled first (its cancellation is
     * reported), else a running one refuses the play with {@link ErrorCode#MEDIA_OPERATION_ACTIVE}.
     */
    public Transition startPlay(PlayOperation operation, List<String> playTo, boolean interrupt) {
        return CallMedia.startPlay(this, operation, playTo, interrupt);
    }

    public boolean hasActiveMedia() {
        return media.runningPlay().isPresent() || media.recognize().isPresent();
    }

    /**
     * A media operation's audio ended, successfully or not: a play is reported, a recognition's prompt starts its
     * collection (or fails it), hold music that failed is reported. Anything about media not running is ignored.
     */
    public Transition playEnded(PlayOperation.Outcome outcome) {
        return CallMedia.ended(this, outcome);
    }

    /**
     * The legs a media operation is to be played to now, if it is still wanted: the play's audience, a prompt's
     * target, a held participant. Empty once it ended or the call is no longer connected.
     */
    public Optional<List<LegId>> mediaAudience(MediaOperationId operation) {
        return CallMedia.audience(this, operation);
    }

    /** Cancels the running play or recognition, if any; the cancellation is reported. */
    public Transition cancelMedia() {
        requireNotEnded();
        return CallMedia.cancel(this);
    }

    /** Starts recording the call; refused if one runs already ({@link ErrorCode#RECORDING_ACTIVE}) or not connected. */
    public Transition startRecording(RecordingId recording, RecordingSpec spec, Instant at) {
        return CallRecording.start(this, recording, spec, at);
    }

    /** Pauses ({@code paused}) or resumes the call's recording {@code recording}; no change if it is so already. */
    public Transition pauseRecording(RecordingId recording, boolean paused) {
        return CallRecording.pause(this, recording, paused);
    }

    /** Stops the call's recording {@code recording}; its file is completed. */
    public Transition stopRecording(RecordingId recording) {
        return CallRecording.stop(this, recording);
    }

    /** The call's recording {@code id} while it runs; else {@link ErrorCode#RECORDING_NOT_FOUND} is thrown. */
    public Recording recording(RecordingId id) {
        return CallRecording.find(this, id);
    }

    /**
     * Starts the call's media stream, set up when it was created or answered: its connection is opened, and once it
     * is, {@code MediaStreamingStarted} follows. Refused if none was set up, or it runs already.
     */
    public Transition startStreaming(Optional<String> context, OperationCallback callback) {
        return CallStreaming.start(this, Content.AUDIO, Optional.empty(), context, callback);
    }

    /** Stops the call's media stream; {@code MediaStreamingStopped} follows. Refused unless it runs. */
    public Transition stopStreaming(Optional<String> context, OperationCallback callback) {
        return CallStreaming.stop(this, Content.AUDIO, context, callback);
    }

    /**
     * Starts the call's live transcription, set up when it was created or answered, in {@code locale} if given;
     * {@code TranscriptionStarted} follows once its connection is open. Refused if none was set up, or it runs.
     */
    public Transition startTranscription(Optional<String> locale, Optional<String> context,
                                         OperationCallback callback) {
        return CallStreaming.start(this, Content.TRANSCRIPTION, locale, context, callback);
    }

    /** Stops the call's live transcription; {@code TranscriptionStopped} follows. Refused unless it runs. */
    public Transition stopTranscription(Optional<String> context, OperationCallback callback) {
        return CallStreaming.stop(this, Content.TRANSCRIPTION, context, callback);
    }

    /** The running transcription goes on in {@code locale}; {@code TranscriptionUpdated} follows. */
    public Transition updateTranscription(String locale, Optional<String> context, OperationCallback callback) {
        return CallStreaming.update(this, locale, context, callback);
    }

    /** The connection of the stream {@code stream} opened: it carries the participants from now on. */
    public Transition streamingOpened(MediaOperationId stream) {
        return CallStreaming.opened(this, stream);
    }

    /** The connection of the stream {@code stream} could not be opened, or was lost; the call goes on. */
    public Transition streamingFailed(MediaOperationId stream, ResultInformation why) {
        return CallStreaming.failed(this, stream, why);
    }

    /** A connected participant pressed a key: reported if asked for, and heard by a recognition listening to it. */
    public Transition toneReceived(LegId leg, Tone tone) {
        return CallControl.toneReceived(this, leg, tone);
    }

    /** Invites participants into the connected call, each dialled on its own leg; see {@link TelephonyCommand.Dial}. */
    public Transition invite(List<Participant> invitees, Optional<PhoneNumberIdentifier> callerId,
                             Optional<Duration> ringTimeout) {
        return CallParticipants.invite(this, invitees, callerId.or(setup::callerId), ringTimeout);
    }

    /**
     * Starts removing a participant, found by participant id or raw identifier: its leg is hung up, the removal's
     * events going to {@code callback}, if given.
     *
     * @throws CallAutomationException {@link ErrorCode#PARTICIPANT_NOT_FOUND} if the call has no such participant
     */
    public Transition removeParticipant(String idOrRawId, Optional<String> operationContext,
                                        OperationCallback callback) {
        return CallParticipants.remove(this, idOrRawId, operationContext, callback);
    }

    /** @throws CallAutomationException {@link ErrorCode#PARTICIPANT_NOT_FOUND} if the call has no such participant */
    Participant find(String idOrRawId) {
        return participant(idOrRawId).orElseThrow(() -> new CallAutomationException(
                ErrorCode.PARTICIPANT_NOT_FOUND, "Participant " + idOrRawId + " is not in call " + id + "."));
    }

    /** Starts a recognition on a connected participant; see {@link #startPlay(PlayOperation, List, boolean)}. */
    public Transition startRecognize(RecognizeOperation operation, boolean interrupt) {
        return CallMedia.startRecognize(this, operation, interrupt);
    }

    /** A recognition's silence timer, set at {@code tonesSoFar} tones, fired; stale ones change nothing. */
    public Transition recognizeTimedOut(MediaOperationId operation, int tonesSoFar) {
        return CallMedia.recognizeTimedOut(this, operation, tonesSoFar);
    }

    /**
     * The listener of a recognition reports: speech starting cuts an interruptible prompt short and stops the silence
     * timers; what was said completes or fails the recognition. Stale reports change nothing.
     */
    public Transition speechHeard(MediaOperationId operation, SpeechSignal signal) {
        return CallMedia.speechHeard(this, operation, signal);
    }

    /** Reports the tones of a connected participant one by one from now on. */
    public Transition startContinuousDtmf(String idOrRawId) {
        return CallControl.startContinuousDtmf(this, idOrRawId);
    }

    /** Stops reporting a participant's tones; reported as {@code ContinuousDtmfRecognitionStopped}. */
    public Transition stopContinuousDtmf(String idOrRawId, Optional<String> context, OperationCallback callback) {
        return CallControl.stopContinuousDtmf(this, idOrRawId, context, callback);
    }

    /** Mutes or unmutes a connected participant; the participants update follows. */
    public Transition mute(String idOrRawId, boolean muted) {
        return CallControl.mute(this, idOrRawId, muted);
    }

    /**
     * The participant on {@code leg} put the call on hold from its side, or took it off: it shows on hold (or not) in
     * a participants update; nothing is asked of telephony. A leg this call no longer has changes nothing.
     */
    public Transition heldByRemote(LegId leg, boolean held) {
        return CallControl.heldByRemote(this, leg, held);
    }

    /**
     * Puts a connected participant on hold, with looped {@code music} if given (a {@code HoldFailed} to
     * {@code callback} if it cannot be played), or takes it off hold; the participants update follows.
     */
    public Transition hold(String idOrRawId, boolean onHold, Optional<PlaySource> music, Optional<String> context,
                           OperationCallback callback) {
        return CallControl.hold(this, idOrRawId, onHold, music, context, callback);
    }

    /**
     * Cancels a ringing invitation (its id is the invitee's participant id): its leg is hung up, then
     * {@code CancelAddParticipantSucceeded} follows. Anything else is reported as {@code CancelAddParticipantFailed}.
     */
    public Transition cancelInvitation(String invitationId, Optional<String> context, OperationCallback callback) {
        return CallControl.cancelInvitation(this, invitationId, context, callback);
    }

    /** The tones an application sent were sent, or could not be ({@code failure}). */
    public Transition tonesSent(Optional<String> context, OperationCallback callback,
                                Optional<ResultInformation> failure) {
        return CallControl.tonesSent(this, context, callback, failure);
    }

    /**
     * The participant's leg was handed over to {@code target}: it leaves this call without being hung up, and
     * {@code CallTransferAccepted} is reported; the call ends if it was the last participant.
     */
    public Transition transferred(LegId transferee, CommunicationIdentifier target, Optional<String> context,
                                  OperationCallback callback) {
        return CallControl.transferred(this, transferee, target, context, callback);
    }

    /**
     * The connected participant {@code idOrRawId}, which may be moved into another call.
     *
     * @throws CallAutomationException {@link ErrorCode#PARTICIPANT_NOT_FOUND}, or if this call or the participant is
     *                                 not connected
     */
    public Participant movable(String idOrRawId) {
        return CallMoves.movable(this, idOrRawId);
    }

    /** @throws CallAutomationException unless this call is connected and has room for {@code arriving} more */
    public void requireRoomFor(int arriving) {
        CallMoves.requireRoomFor(this, arriving);
    }

    /**
     * A participant left for another call, its leg not hung up: the participants update follows, the media only it
     * heard stops, and this call ends if it was the last participant.
     */
    public Transition movedAway(Participant mover) {
        return CallMoves.away(this, mover);
    }

    /**
     * Participants of {@code from} arrive (see {@link TelephonyCommand.MoveLeg}): each is reported with
     * {@code MoveParticipantSucceeded}, then the participants update; if this call ended or filled up meanwhile, each
     * is reported with {@code MoveParticipantFailed} and hung up.
     */
    public Transition movedHere(List<Participant> movers, CallConnectionId from, Optional<String> context,
                                OperationCallback callback) {
        return CallMoves.here(this, movers, from, context, callback);
    }

    /** Participants of {@code from} could not be moved here; each is reported with {@code MoveParticipantFailed}. */
    public Transition moveFailed(List<CommunicationIdentifier> who, CallConnectionId from, Optional<String> context,
                                 OperationCallback callback, ResultInformation why) {
        return CallMoves.failed(this, who, from, context, callback, why);
    }

    /** A transfer could not be done; the participant stays. */
    public Transition transferFailed(Optional<String> context, OperationCallback callback, ResultInformation why) {
        return CallControl.transferFailed(this, context, callback, why);
    }

    void requireNotEnded() {
        if (state().isEnded()) {
            throw new CallAutomationException(ErrorCode.CALL_TERMINATED, "Call " + id + " has already ended.");
        }
    }

    void requireConnected() {
        requireNotEnded();
        if (state() != CallState.CONNECTED) {
            throw new CallAutomationException(ErrorCode.CALL_NOT_ESTABLISHED,
                    "Call " + id + " is " + state().name().toLowerCase() + " (expected: connected).");
        }
    }

    CallConnectionStateChanged stateChanged(CallState to, ResultInformation why) {
        return new CallConnectionStateChanged(id, serverCallId, to, wasConnected(), why, setup.operationContext(),
                setup.answered());
    }

    /** The next participants update, added to {@code events} if the application asked for them. */
    Call withParticipantsUpdated(List<CallEvent> events) {
        Call next = withRoster(roster.nextSequence());
        if (setup.requestedEvents().contains(RequestedCallEvent.PARTICIPANTS_UPDATED)) {
            events.add(new ParticipantsUpdated(id, next.participantsSequence(), next.connectedParticipants()));
        }
        return next;
    }

    Call withRoster(Roster next) {
        return new Call(id, serverCallId, setup, createdAt, lifecycle, next, media, connections);
    }

    Call withMedia(MediaSlot next) {
        return new Call(id, serverCallId, setup, createdAt, lifecycle, roster, next, connections);
    }

    Call withConnections(List<Connection> next) {
        return new Call(id, serverCallId, setup, createdAt, lifecycle, roster, media, next);
    }

    Call withState(CallState next, boolean connected, Optional<ResultInformation> result) {
        if (!state().canMoveTo(next)) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE,
                    "Call " + id + " cannot go from " + state() + " to " + next + ".");
        }
        return new Call(id, serverCallId, setup, createdAt, new Lifecycle(next, connected, result), roster, media,
                connections);
    }
}
