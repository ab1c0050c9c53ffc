package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.concurrent.CompletionStage;

/**
 * A call ringing at this server, as the network that received it offers it: the core answers, rejects or
 * redirects it, once. Methods return at once without blocking and may be called from any thread.
 */
public interface OfferedCall {

    /**
     * Answers the call as the given leg of the given call connection. Exactly one {@code legAnswered} may follow
     * (once the media flows), and exactly one {@code legEnded} will, as for a dialled leg; if the caller hung up
     * meanwhile, {@code legEnded} follows at once with the canceled cause.
     */
    void answer(CallConnectionId call, LegId leg);

    /** Refuses the call (SIP: 603, 486, 403 or 480 by the reason). Ignored once the caller has hung up. */
    void reject(RejectReason reason);

    /**
     * Sends the caller on to another target (SIP: 302 with the target's address). The stage fails (never throws)
     * with {@link IllegalArgumentException} when this network has no address for the target, and then the call
     * still rings.
     */
    CompletionStage<Void> redirect(CommunicationIdentifier target);
}
