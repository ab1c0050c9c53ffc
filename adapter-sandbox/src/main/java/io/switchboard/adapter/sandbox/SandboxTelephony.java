package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The sandbox phone network: scripted phones that ring, answer, reject, hang up and press keys like real ones,
 * so that the server can be tried without a SIP trunk. It reaches the numbers {@code +1555010xxxx} and the VoIP
 * users {@code 8:acs:sandbox_*}:
 * <ul>
 *   <li>{@code +15550100001} answers after {@link SandboxConfig#answerDelay()} and stays until hung up;</li>
 *   <li>{@code +15550100002} answers, then presses 1 {@link SandboxConfig#pressDelay()} after each end of a
 *       playback it heard (each completed play, each round of a looped one);</li>
 *   <li>{@code +15550100003} answers, then hangs up {@link SandboxConfig#selfHangUpAfter()} later (5001);</li>
 *   <li>{@code +15550100486} is busy, {@code +15550100480} unavailable (after {@link SandboxConfig#rejectDelay()});
 *       </li>
 *   <li>{@code +15550100004} answers, and says "yes" when a recognition listens to it; {@code +15550100005} says
 *   "I would like to pay my bill" (speech synthesized by the server's engine, heard by its recognizer);</li>
 *   <li>{@code +15550100408} rings until the dial's ring timeout, then ends as unavailable;</li>
 *   <li>other numbers of the block are not found (404, 8544) after the reject delay;</li>
 *   <li>{@code 8:acs:sandbox_*} users answer after the answer delay.</li>
 * </ul>
 * Every phone honours the ring timeout: one that would answer later ends as unavailable instead.
 *
 * <p>Media is real time: a clip takes its own duration to play, and {@code playEnded} (completed) follows once.
 * Playbacks go only to the request's sandbox legs that are answered; a request naming none is ignored. A call can be
 * recorded: its file holds what was played to it.
 *
 * <p>Threading: all state is confined to one Vert.x context taken at {@link #create}. Every method may be called
 * from any thread and returns at once; the work, and every report to {@link HandleTelephonyEventUseCase}, happens
 * on that context, in the order the methods were called from one thread.
 */
public final class SandboxTelephony implements Telephony {

    private final Context context;
    private final SandboxNetwork network;

    private SandboxTelephony(Context context, SandboxNetwork network) {
        this.context = context;
        this.network = network;
    }

    /**
     * Starts a sandbox network on the calling thread's Vert.x context, or on a new event-loop context when called
     * from outside Vert.x (the usual case: create it at start, before deploying verticles).
     */
    public static SandboxTelephony create(Vertx vertx, HandleTelephonyEventUseCase events, SandboxConfig config) {
        return create(vertx, events, config, Optional.empty());
    }

    /** A sandbox whose speaking phones speak with {@code voice} (without one, they stay silent). */
    public static SandboxTelephony create(Vertx vertx, HandleTelephonyEventUseCase events, SandboxConfig config,
                                          Optional<SpeechSynthesizer> voice) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(config, "config");
        return new SandboxTelephony(vertx.getOrCreateContext(), new SandboxNetwork(vertx, events, config, voice));
    }

    /** True for {@code +1555010xxxx} numbers and {@code 8:acs:sandbox_*} users. Pure, any thread. */
    @Override
    public boolean canReach(CommunicationIdentifier target) {
        return SandboxPhone.reaches(Objects.requireNonNull(target, "target"));
    }

    @Override
    public void dial(DialRequest request) {
        Objects.requireNonNull(request, "request");
        context.runOnContext(ignored -> network.dial(request));
    }

    @Override
    public void hangUp(LegId leg) {
        Objects.requireNonNull(leg, "leg");
        context.runOnContext(ignored -> network.hangUp(leg));
    }

    @Override
    public void play(PlaybackRequest request) {
        Objects.requireNonNull(request, "request");
        context.runOnContext(ignored -> network.play(request));
    }

    @Override
    public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(operation, "operation");
        context.runOnContext(ignored -> network.stopPlayback(call, operation));
    }

    /** Accepted at once by an answered sandbox leg; fails for any other leg (e.g. another network's). */
    @Override
    public CompletionStage<Void> sendTones(CallConnectionId call, LegId leg, List<Tone> tones) {
        Objects.requireNonNull(leg, "leg");
        List<Tone> copy = List.copyOf(tones);
        return onContext(() -> network.sendTones(leg, copy));
    }

    /**
     * Succeeds once a sandbox target that answers has picked up (the leg then leaves the sandbox's reports); fails
     * for targets that reject calls, and for legs that are not answered sandbox legs.
     */
    @Override
    public CompletionStage<Void> transfer(CallConnectionId call, LegId leg, CommunicationIdentifier target) {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(target, "target");
        return onContext(() -> network.transfer(leg, target));
    }

    /** Any sandbox leg moves to another call; the sandbox carries no audio to re-route. */
    @Override
    public boolean canMove(LegId leg, List<LegId> into) {
        return true;
    }

    @Override
    public void moveLeg(LegId leg, CallConnectionId to) {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(to, "to");
        context.runOnContext(ignored -> network.move(leg, to));
    }

    /** Sandbox calls are recorded: what is played to them (their phones are silent). */
    @Override
    public boolean records(List<LegId> legs) {
        return true;
    }

    /**
     * Records what is played to the call, with silence between and on the participants' channels; the file is
     * written when the recording stops.
     */
    @Override
    public CompletionStage<RecordedFile> record(RecordingRequest request) {
        Objects.requireNonNull(request, "request");
        return onContext(() -> network.recordings().start(request));
    }

    /** A speaking phone ({@code +15550100004}, {@code +15550100005}) says its phrase; the others are silent. */
    @Override
    public void listen(CallConnectionId call, MediaOperationId operation, LegId leg, AudioSink sink) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(sink, "sink");
        context.runOnContext(ignored -> network.listen(operation, leg, sink));
    }

    @Override
    public void stopListening(CallConnectionId call, MediaOperationId operation) {
        context.runOnContext(ignored -> network.stopListening(operation));
    }

    @Override
    public void pauseRecording(CallConnectionId call, RecordingId recording, boolean paused) {
        context.runOnContext(ignored -> network.recordings().pause(recording, paused));
    }

    @Override
    public void stopRecording(CallConnectionId call, RecordingId recording) {
        context.runOnContext(ignored -> network.recordings().stop(recording));
    }

    private <T> CompletionStage<T> onContext(Supplier<CompletionStage<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(ignored -> work.get().whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    /**
     * Ends all legs and playbacks silently (no events) and cancels every timer; later requests are ignored.
     * Returns at once; the closing happens on the network's context, after requests already made.
     */
    public void close() {
        context.runOnContext(ignored -> network.close());
    }
}
