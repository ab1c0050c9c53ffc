package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;
import java.util.concurrent.ScheduledFuture;

/**
 * One outbound leg: its INVITE transaction, dialog, RTP stream and where it stands.
 *
 * <p>Mutable and confined to the adapter's signalling thread; never shared.
 */
final class Leg {

    /** Where a leg stands. Once {@link #ENDING} its end has been reported; SIP is only being wound down. */
    enum State {
        /** INVITE sent, nothing heard yet. */
        CALLING,
        /** A provisional response arrived (100/180/183): CANCEL is now allowed (RFC 3261 §9.1). */
        PROCEEDING,
        ANSWERED,
        ENDING
    }

    final DialRequest request;
    final Route route;
    final LegMedia media;
    final String callId;
    final long sdpSessionId;
    State state = State.CALLING;
    boolean provisionalSeen;
    boolean cancelPending;
    boolean challenged;
    long sdpVersion = 1;
    ClientTransaction invite;
    Dialog dialog;
    Request ack;
    ScheduledFuture<?> ringTimer;

    Leg(DialRequest request, Route route, LegMedia media, String callId, long sdpSessionId) {
        this.request = request;
        this.route = route;
        this.media = media;
        this.callId = callId;
        this.sdpSessionId = sdpSessionId;
    }

    LegId id() {
        return request.leg();
    }

    CallConnectionId call() {
        return request.call();
    }

    boolean isRinging() {
        return state == State.CALLING || state == State.PROCEEDING;
    }

    @Override
    public String toString() {
        return "leg " + request.leg() + " of call " + request.call();
    }
}
