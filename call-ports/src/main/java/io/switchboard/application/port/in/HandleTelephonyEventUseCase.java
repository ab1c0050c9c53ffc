package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;

/**
 * How telephony (the sandbox network, SIP) reports what happened on its legs.
 *
 * <p>Every method may be called from any thread and returns at once: the change is applied later on the call's
 * own serial executor. Reports about legs or plays the core no longer knows are ignored.
 */
public interface HandleTelephonyEventUseCase {

    /** The remote party answered the leg. */
    void legAnswered(LegId leg);

    /** The leg ended (before or after answer) for the given cause, e.g. busy, unavailable, remote hang-up. */
    void legEnded(LegId leg, ResultInformation cause);

    /** A playback ended: after its last frame was sent, or because it could not be played. */
    void playEnded(CallConnectionId call, PlayOperation.Outcome outcome);

    /** The remote party of the leg pressed a key (reported once per key press). */
    void toneReceived(LegId leg, Tone tone);

    /**
     * The remote party of an answered leg put the call on hold (SIP: a re-INVITE saying {@code a=sendonly} or
     * {@code a=inactive}) or took it off ({@code held} false). Reported on each change only.
     */
    default void legHeld(LegId leg, boolean held) {
        // a network whose phones never hold reports nothing
    }
}
