package io.switchboard.adapter.sip;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;

import javax.sip.SipException;
import javax.sip.message.Request;
import java.util.Optional;

/**
 * Ends legs from this side, dialled or answered alike: CANCEL while a dialled leg rings, BYE once a leg is answered.
 * Confined to the signalling thread.
 */
final class HangUps {

    private final SipEndpoint sip;
    private final LegTable legs;

    HangUps(SipEndpoint sip, LegTable legs) {
        this.sip = sip;
        this.legs = legs;
    }

    /** The application hangs up: a ringing leg is canceled, an answered one gets BYE. Unknown legs are ignored. */
    void hangUp(LegId id) throws SipException {
        Optional<Leg> found = legs.find(id);
        if (found.isEmpty()) {
            return;
        }
        Leg leg = found.get();
        if (leg.isRinging()) {
            legs.ended(leg, ResultInformation.canceled("Hung up by the application before answer."));
            cancel(leg);
        } else if (leg.state == Leg.State.ANSWERED || leg.state == Leg.State.ACCEPTED) {
            legs.ended(leg, ResultInformation.HUNG_UP_BY_APPLICATION);
            bye(leg);
        }
    }

    /** The media engine heard no RTP for its timeout. */
    void mediaTimedOut(Leg leg) {
        if (leg.state == Leg.State.ANSWERED) {
            legs.ended(leg, ResultInformation.unavailable("media timeout"));
            bye(leg);
        }
    }

    /** CANCEL needs a provisional response first (RFC 3261 §9.1); until then it waits. */
    void cancel(Leg leg) throws SipException {
        if (!leg.provisionalSeen) {
            leg.cancelPending = true;
            return;
        }
        leg.cancelPending = false;
        sip.send(leg.invite.createCancel());
    }

    /**
     * Sends BYE in the leg's dialog. An answer of ours not yet acknowledged gets it once the ACK arrives: the callee
     * must not send BYE before (RFC 3261 §15). A BYE that cannot be sent forgets the leg.
     */
    void bye(Leg leg) {
        if (leg.awaitingAck) {
            leg.byeAfterAck = true;
            return;
        }
        try {
            sip.sendInDialog(leg.dialog, leg.dialog.createRequest(Request.BYE));
        } catch (SipException e) {
            legs.remove(leg, ResultInformation.HUNG_UP_BY_APPLICATION);
        }
    }
}
