package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One leg, dialled out or answered in: its INVITE transaction, dialog, RTP stream and where it stands.
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
        /** An incoming call answered with 200 OK; its ACK, and with it the media, has not arrived yet. */
        ACCEPTED,
        ANSWERED,
        ENDING
    }

    private final LegId id;
    private final CallConnectionId call;
    /** The remote party's SIP address, for the log and error messages. */
    final String remote;
    /** The trunk whose credentials answer challenges to this leg's INVITE; empty for incoming calls. */
    final Optional<SipTrunk> trunk;
    /** What the dialog's requests go over, and so what our Contact in them says. */
    final SipTransport transport;
    final LegMedia media;
    final String callId;
    final long sdpSessionId;
    State state = State.CALLING;
    boolean provisionalSeen;
    boolean cancelPending;
    boolean challenged;
    /** Incoming calls: our 200 OK is not acknowledged yet, so no BYE may go out (RFC 3261 §15). */
    boolean awaitingAck;
    /** Incoming calls: hung up before the ACK; the BYE goes out when it arrives. */
    boolean byeAfterAck;
    long sdpVersion = 1;
    ClientTransaction invite;
    Dialog dialog;
    Request ack;
    /** Incoming calls: where the caller's offer wants RTP, used once the ACK arrives. */
    RemoteAudio callerAudio;
    ScheduledFuture<?> ringTimer;
    /** The blind transfer under way (REFER sent, no final outcome yet); null when none. */
    Transfer transfer;

    private Leg(LegId id, CallConnectionId call, String remote, Optional<SipTrunk> trunk, SipTransport transport,
                LegMedia media, String callId, long sdpSessionId) {
        this.id = Objects.requireNonNull(id, "id");
        this.call = Objects.requireNonNull(call, "call");
        this.remote = remote;
        this.trunk = trunk;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.media = media;
        this.callId = callId;
        this.sdpSessionId = sdpSessionId;
    }

    /** A leg this adapter dials. */
    static Leg outbound(DialRequest request, Route route, LegMedia media, String callId, long sdpSessionId) {
        return new Leg(request.leg(), request.call(), route.target().toString(), route.trunk(),
                route.target().transport(), media, callId, sdpSessionId);
    }

    /** An incoming call answered as a leg: its 200 OK is about to go out. */
    static Leg inbound(CallConnectionId call, LegId id, String caller, SipTransport transport, Dialog dialog,
                       RemoteAudio callerAudio, LegMedia media, String callId, long sdpSessionId) {
        Leg leg = new Leg(id, call, caller, Optional.empty(), transport, media, callId, sdpSessionId);
        leg.state = State.ACCEPTED;
        leg.awaitingAck = true;
        leg.dialog = dialog;
        leg.callerAudio = callerAudio;
        return leg;
    }

    LegId id() {
        return id;
    }

    CallConnectionId call() {
        return call;
    }

    boolean isRinging() {
        return state == State.CALLING || state == State.PROCEEDING;
    }

    @Override
    public String toString() {
        return "leg " + id + " of call " + call;
    }
}
