package io.switchboard.application.fakes;

import io.switchboard.application.port.out.AudioFeed;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.switchboard.domain.recording.RecordingId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the core asks of the network; reaches every target but unknown identifiers. Tones are sent and
 * transfers done at once, unless {@link #failNext} was called.
 */
public final class FakeTelephony implements Telephony {

    private final Map<MediaOperationId, AudioSink> listening = new ConcurrentHashMap<>();
    private final List<LegId> listenedTo = new CopyOnWriteArrayList<>();
    private final Map<String, AudioSink> legSinks = new ConcurrentHashMap<>();
    private final Map<String, AudioFeed> feeds = new ConcurrentHashMap<>();
    private final List<MediaOperationId> stoppedListening = new CopyOnWriteArrayList<>();

    /** Tones the core asked to send into a leg. */
    public record SentTones(LegId leg, List<Tone> tones) {
    }

    /** A transfer the core asked for. */
    public record Transfer(LegId leg, CommunicationIdentifier target) {
    }

    /** A leg the core moved into another call. */
    public record Move(LegId leg, CallConnectionId to) {
    }

    private final List<Move> moves = new CopyOnWriteArrayList<>();
    private final Set<LegId> unmovable = ConcurrentHashMap.newKeySet();
    private final List<SentTones> sentTones = new CopyOnWriteArrayList<>();
    private final List<Transfer> transfers = new CopyOnWriteArrayList<>();
    private volatile RuntimeException nextFailure;
    private volatile boolean records = true;

    private final List<DialRequest> dialled = new CopyOnWriteArrayList<>();
    private final List<LegId> hungUp = new CopyOnWriteArrayList<>();
    private final List<PlaybackRequest> played = new CopyOnWriteArrayList<>();
    private final List<MediaOperationId> stopped = new CopyOnWriteArrayList<>();
    private final List<String> mutes = new CopyOnWriteArrayList<>();
    private final Map<RecordingId, RecordingRequest> recordings = new ConcurrentHashMap<>();
    private final Map<RecordingId, CompletableFuture<RecordedFile>> recorded = new ConcurrentHashMap<>();
    private final List<String> recordingChanges = new CopyOnWriteArrayList<>();

    @Override
    public boolean canReach(CommunicationIdentifier target) {
        return !(target instanceof UnknownIdentifier);
    }

    @Override
    public void dial(DialRequest request) {
        dialled.add(request);
    }

    @Override
    public void hangUp(LegId leg) {
        hungUp.add(leg);
    }

    @Override
    public void play(PlaybackRequest request) {
        played.add(request);
    }

    @Override
    public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        stopped.add(operation);
    }

    @Override
    public CompletionStage<Void> sendTones(CallConnectionId call, LegId leg, List<Tone> tones) {
        sentTones.add(new SentTones(leg, tones));
        return outcome();
    }

    @Override
    public CompletionStage<Void> transfer(CallConnectionId call, LegId leg, CommunicationIdentifier target) {
        transfers.add(new Transfer(leg, target));
        return outcome();
    }

    @Override
    public boolean records(List<LegId> legs) {
        return records;
    }

    /** Legs this network can move, all but those {@link #cannotMove} names. */
    @Override
    public boolean canMove(LegId leg, List<LegId> into) {
        return !unmovable.contains(leg);
    }

    public void cannotMove(LegId leg) {
        unmovable.add(leg);
    }

    @Override
    public void moveLeg(LegId leg, CallConnectionId to) {
        moves.add(new Move(leg, to));
    }

    public List<Move> moves() {
        return List.copyOf(moves);
    }

    /** From now on the network says it cannot record (a network that carries no audio). */
    public void carryNoAudio() {
        records = false;
    }

    @Override
    public CompletionStage<RecordedFile> record(RecordingRequest request) {
        recordings.put(request.recording(), request);
        recordingChanges.add("record " + request.recording());
        return recorded.computeIfAbsent(request.recording(), id -> new CompletableFuture<>());
    }

    @Override
    public void pauseRecording(CallConnectionId call, RecordingId recording, boolean paused) {
        recordingChanges.add((paused ? "pause " : "resume ") + recording);
    }

    @Override
    public void stopRecording(CallConnectionId call, RecordingId recording) {
        recordingChanges.add("stop " + recording);
    }

    /** What the core asked to record. */
    public RecordingRequest recording(RecordingId id) {
        return Optional.ofNullable(recordings.get(id)).orElseThrow(() -> new AssertionError("not recorded: " + id));
    }

    /** Record, pause, resume and stop requests, in order, e.g. {@code "pause <id>"}. */
    public List<String> recordingChanges() {
        return List.copyOf(recordingChanges);
    }

    /** The network completes (or fails) a recording's file. */
    public void recordingDone(RecordingId id, RecordedFile file, Throwable failure) {
        CompletableFuture<RecordedFile> done = recorded.computeIfAbsent(id, key -> new CompletableFuture<>());
        if (failure != null) {
            done.completeExceptionally(failure);
        } else {
            done.complete(file);
        }
    }

    /** The next tones sent or transfer fails with this. */
    public void failNext(RuntimeException failure) {
        nextFailure = failure;
    }

    private CompletionStage<Void> outcome() {
        RuntimeException failure = nextFailure;
        nextFailure = null;
        return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
    }

    public List<SentTones> sentTones() {
        return List.copyOf(sentTones);
    }

    public List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    public List<DialRequest> dialled() {
        return List.copyOf(dialled);
    }

    public List<LegId> hungUp() {
        return List.copyOf(hungUp);
    }

    public List<PlaybackRequest> played() {
        return List.copyOf(played);
    }

    @Override
    public void setMuted(LegId leg, boolean muted) {
        mutes.add((muted ? "mute " : "unmute ") + leg);
    }

    /** {@code mute <leg>} / {@code unmute <leg>}, in order. */
    public List<String> mutes() {
        return List.copyOf(mutes);
    }

    public List<MediaOperationId> stopped() {
        return List.copyOf(stopped);
    }

    /** Forgets what was asked so far. */
    @Override
    public void listen(CallConnectionId call, MediaOperationId operation, LegId leg, AudioSink sink) {
        listening.put(operation, sink);
        listenedTo.add(leg);
        legSinks.put(operation + "/" + leg, sink);
    }

    @Override
    public void stopListening(CallConnectionId call, MediaOperationId operation) {
        listening.remove(operation);
        legSinks.keySet().removeIf(key -> key.startsWith(operation + "/"));
        stoppedListening.add(operation);
    }

    @Override
    public void feed(CallConnectionId call, MediaOperationId operation, LegId leg, AudioFeed feed) {
        feeds.put(operation + "/" + leg, feed);
    }

    @Override
    public void stopFeeding(CallConnectionId call, MediaOperationId operation) {
        feeds.keySet().removeIf(key -> key.startsWith(operation + "/"));
    }

    /** The sink {@code operation} gave for {@code leg}; fails if it listens to no such leg. */
    public AudioSink listener(MediaOperationId operation, LegId leg) {
        return Optional.ofNullable(legSinks.get(operation + "/" + leg)).orElseThrow(() ->
                new AssertionError("nobody listens to " + leg + " for " + operation + "; listening: "
                        + legSinks.keySet()));
    }

    /** The feed {@code operation} plays into {@code leg}, if any. */
    public Optional<AudioFeed> feed(MediaOperationId operation, LegId leg) {
        return Optional.ofNullable(feeds.get(operation + "/" + leg));
    }

    /** The sink of the listener for {@code operation}; fails if nobody listens for it. */
    public AudioSink listener(MediaOperationId operation) {
        AudioSink sink = listening.get(operation);
        if (sink == null) {
            throw new AssertionError("nobody listens for " + operation + "; listening: " + listening.keySet());
        }
        return sink;
    }

    public boolean listens(MediaOperationId operation) {
        return listening.containsKey(operation);
    }

    public List<LegId> listenedTo() {
        return List.copyOf(listenedTo);
    }

    public List<MediaOperationId> stoppedListening() {
        return List.copyOf(stoppedListening);
    }

    public void clear() {
        dialled.clear();
        hungUp.clear();
        played.clear();
        stopped.clear();
        sentTones.clear();
        transfers.clear();
        mutes.clear();
        moves.clear();
    }
}
