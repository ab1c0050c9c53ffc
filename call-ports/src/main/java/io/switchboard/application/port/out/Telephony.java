package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.participant.CommunicationIdentifier;

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
}
