package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.LegState.Action;
import io.switchboard.adapter.sip.LegState.Answer;
import io.switchboard.adapter.sip.LegState.End;
import io.switchboard.adapter.sip.LegState.Forget;
import io.switchboard.adapter.sip.LegState.LogRinging;
import io.switchboard.adapter.sip.LegState.Release;
import io.switchboard.adapter.sip.LegState.SendBye;
import io.switchboard.adapter.sip.LegState.SendCancel;
import io.switchboard.adapter.sip.LegState.Signal;
import io.switchboard.adapter.sip.LegState.Step;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import javax.sip.SipException;
import javax.sip.message.Request;

/**
 * Feeds what happens to a leg to its state table ({@link LegState}) and carries out the actions the table answers
 * with: CANCEL and BYE, the media started, the end reported, the leg forgotten. Every change of a leg's state goes
 * through {@link #apply}. Confined to the signalling thread.
 */
final class LegSignals {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final SipEndpoint sip;
    private final LegTable legs;

    LegSignals(SipEndpoint sip, LegTable legs) {
        this.sip = sip;
        this.legs = legs;
    }

    /** The application hangs up: a ringing leg is canceled, an answered one gets BYE. Unknown legs are ignored. */
    void hangUp(LegId id) {
        legs.find(id).ifPresent(leg -> apply(leg, new LegState.HangUp()));
    }

    /** Sends an answered leg's media where a new description (re-INVITE, its answer) says, in its codec. */
    void updateMedia(Leg leg, RemoteAudio a) {
        leg.media.update(new InetSocketAddress(a.address(), a.port()), a.payloadType(), a.telephoneEventPayloadType());
        legs.codec(leg, a.payloadType());
    }

    /** Moves the leg to the state the signal leads to, then carries out the actions, in order. */
    void apply(Leg leg, Signal signal) {
        Step step = leg.state.on(signal);
        leg.state = step.next();
        for (Action action : step.actions()) {
            run(leg, action);
        }
    }

    private void run(Leg leg, Action action) {
        if (action instanceof LogRinging ringing) {
            legs.ringing(leg, ringing.status());
        } else if (action instanceof Answer answer) {
            RemoteAudio a = answer.audio();
            leg.media.start(new InetSocketAddress(a.address(), a.port()), a.payloadType(),
                    a.telephoneEventPayloadType());
            legs.codec(leg, a.payloadType());
            legs.answered(leg);
        } else if (action instanceof End end) {
            legs.ended(leg, end.cause());
        } else if (action instanceof Release release) {
            legs.transferred(leg, release.target());
        } else if (action instanceof SendCancel) {
            cancel(leg);
        } else if (action instanceof SendBye) {
            bye(leg);
        } else if (action instanceof Forget) {
            legs.remove(leg);
        } else {
            throw new IllegalStateException("unknown leg action " + action);
        }
    }

    /** A CANCEL that cannot be sent leaves the INVITE to its own timeout (Timer B), which forgets the leg. */
    private void cancel(Leg leg) {
        try {
            sip.send(leg.invite.createCancel());
        } catch (SipException e) {
            LOG.log(Level.WARNING, "SIP " + leg + ": CANCEL could not be sent: " + e.getMessage());
        }
    }

    /** A BYE that cannot be sent forgets the leg. */
    private void bye(Leg leg) {
        try {
            sip.sendInDialog(leg.dialog, leg.dialog.createRequest(Request.BYE));
        } catch (SipException e) {
            apply(leg, new LegState.Over(ResultInformation.HUNG_UP_BY_APPLICATION));
        }
    }
}
