package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.recording.RecordingId;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The phone network: places legs, hangs them up, plays audio into them.
 *
 * <p>Every method returns at once without blocking; what happens later is reported through
 * {@link io.switchboard.application.port.in.HandleTelephonyEventUseCase}: answered, ended with a cause, playback
 * ended, tone received. Methods may be called from any thread; calls about one call come from one thread at a time.
 */
public interface Telephony {

    /** Whether this network can route a leg to the target at all. */
    boolean canReach(CommunicationIdentifier target);

    /** Dials a leg. Exactly one {@code legAnswered} may follow, and exactly one {@code legEnded} will. */
    void dial(DialRequest request);

    /** Hangs up a leg: cancels it while ringing, ends it once answered. Unknown or ended legs are ignored. */
    void hangUp(LegId leg);

    /**
     * Plays a clip into the given legs of a call; {@code playEnded} follows when the last frame was sent (a looped
     * playback ends only when stopped). Legs that end meanwhile simply stop receiving it.
     */
    void play(PlaybackRequest request);

    /** Stops a playback within one frame time; no {@code playEnded} is reported for it. Unknown ids are ignored. */
    void stopPlayback(CallConnectionId call, MediaOperationId operation);

    /**
     * Mutes or unmutes a leg: muted, the other participants of its call no longer hear it; it still hears them.
     * Unknown legs are ignored. This default does nothing, for networks that mix no audio.
     */
    default void setMuted(LegId leg, boolean muted) {
        // a network that mixes no audio has nothing to mute
    }

    /**
     * Tells the remote party of a leg that it is held, or no longer: SIP sends a re-INVITE whose SDP says
     * {@code a=sendonly}, then {@code a=sendrecv}. Unknown or unanswered legs are ignored. This default does nothing,
     * for networks without such signalling.
     */
    default void setHeld(LegId leg, boolean held) {
        // nothing to signal
    }

    /**
     * Sends DTMF tones into an answered leg (RFC 4733 events on SIP). The stage completes once every tone was sent,
     * and fails (never throws) if the leg is not this network's, not answered, or the network cannot send tones.
     * Networks that cannot send tones keep this default, which fails with {@link UnsupportedOperationException}.
     */
    default CompletionStage<Void> sendTones(CallConnectionId call, LegId leg, List<Tone> tones) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("sending tones is not supported"));
    }

    /**
     * Hands an answered leg over to a new target (a blind transfer, e.g. SIP REFER): on success the leg talks to the
     * target outside the call and is no longer reported on ({@code legEnded} does not follow); on failure it stays
     * as it was. The stage fails (never throws) if the target was not reached. This default fails with
     * {@link UnsupportedOperationException}.
     */
    default CompletionStage<Void> transfer(CallConnectionId call, LegId leg, CommunicationIdentifier target) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("transfer is not supported"));
    }

    /** Whether this network can record a call with these legs (it carries their audio); this default cannot. */
    default boolean records(List<LegId> legs) {
        return false;
    }

    /**
     * Records a call's answered legs, those answered later, and what is played to them, into a new WAV file. The
     * stage completes once the recording stopped ({@link #stopRecording}, or the call's last leg ended) and its file
     * is complete; it fails if the file cannot be written. This default fails with
     * {@link UnsupportedOperationException}, for networks that carry no audio.
     */
    default CompletionStage<RecordedFile> record(RecordingRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this network records no audio"));
    }

    /** Pauses (nothing written) or resumes a recording; unknown ones are ignored. */
    default void pauseRecording(CallConnectionId call, RecordingId recording, boolean paused) {
        // a network that records nothing has nothing to pause
    }

    /** Stops a recording; its stage completes once the file is. Unknown ones are ignored. */
    default void stopRecording(CallConnectionId call, RecordingId recording) {
        // a network that records nothing has nothing to stop
    }

    /**
     * Delivers what {@code leg} says to {@code sink}, from now until {@link #stopListening}, the leg's end, or the
     * call's; unknown legs deliver nothing. One operation may listen to several legs, and several operations to one
     * leg (a recognition during a media stream); each sink hears all. This default fails with {@link UnsupportedOperationException}, for
     * networks that carry no audio.
     */
    default void listen(CallConnectionId call, MediaOperationId operation, LegId leg, AudioSink sink) {
        throw new UnsupportedOperationException("this network carries no audio to listen to");
    }

    /** Stops delivering to the sinks given for {@code operation}; unknown ones are ignored. */
    default void stopListening(CallConnectionId call, MediaOperationId operation) {
        // a network that listens to nothing has nothing to stop
    }

    /**
     * Plays what {@code feed} gives into an answered leg, one frame each time one is due, over whatever else it
     * hears, from now until {@link #stopFeeding}, the leg's end, or the call's; unknown legs are ignored. This default
     * plays nothing, for networks that carry no audio.
     */
    default void feed(CallConnectionId call, MediaOperationId operation, LegId leg, AudioFeed feed) {
        // a network that carries no audio has nowhere to play it
    }

    /** Stops playing the feeds given for {@code operation}; unknown ones are ignored. */
    default void stopFeeding(CallConnectionId call, MediaOperationId operation) {
        // a network that carries no audio plays no feed
    }

    /**
     * Whether this network can carry its answered leg {@code leg} in another call whose legs are {@code into} (see
     * {@link #moveLeg}); this default cannot, for networks that mix no audio.
     */
    default boolean canMove(LegId leg, List<LegId> into) {
        return false;
    }

    /**
     * Carries an answered leg in the call {@code to} from now on, without new signalling: it leaves the media of its
     * call (mix, recording) and joins that of {@code to}, as if answered there. A leg that has ended is reported
     * ended again ({@code legEnded}), for the call that now has it. This default does nothing.
     */
    default void moveLeg(LegId leg, CallConnectionId to) {
        // a network that cannot move legs is never asked to (canMove)
    }
}
