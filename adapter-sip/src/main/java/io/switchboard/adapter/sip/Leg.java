package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.rtp.MediaSession;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;

/**
 * One leg, dialled out or answered in: its INVITE transaction, dialog, RTP stream and where it stands.
 *
 * <p>Mutable and confined to the adapter's signalling thread; never shared.
 */
final class Leg {

    private final LegId id;
    /** The call the leg belongs to; another one once moved there ({@link LegTable#move}). */
    private CallConnectionId call;
    /** The remote party's SIP address, for the log and error messages. */
    final String remote;
    /** The trunk whose credentials answer challenges to this leg's INVITE; empty for incoming calls. */
    final Optional<SipTrunk> trunk;
    /** What the dialog's requests go over, and so what our Contact in them says. */
    final SipTransport transport;
    final MediaSession media;
    final String callId;
    final long sdpSessionId;
    /** Where the leg stands; changed only by {@link LegSignals#apply}, as its table says. */
    LegState state = LegState.CALLING;
    /** Whether a challenge to the INVITE was answered already: a trunk's credentials are tried once. */
    boolean challenged;
    long sdpVersion = 1;
    /** Outbound legs: the INVITE until it is answered (to cancel it, or to answer a challenge); null after. */
    ClientTransaction invite;
    /** Our re-INVITE in progress (hold, unhold), if any: its responses are not the first INVITE's. */
    ClientTransaction reinvite;
    /** Whether the remote party holds the call (its last re-INVITE said sendonly or inactive). */
    boolean heldByRemote;
    /** A hold asked while a re-INVITE was in progress: sent once it is over. */
    Optional<Boolean> heldNext = Optional.empty();
    Dialog dialog;
    Request ack;
    /** Incoming calls: where the caller's offer wants RTP, used once the ACK arrives. */
    RemoteAudio callerAudio;
    ScheduledFuture<?> ringTimer;
    /** The blind transfer under way (REFER sent, no final outcome yet); null when none. */
    Transfer transfer;
    /** Outbound legs: what was dialled, for another attempt through another trunk. */
    DialRequest dialled;
    /** Outbound legs through a trunk: the trunks to try next, in order, on a 5xx or no answer from this one. */
    List<SipTrunk> untried = List.of();
    /** Outbound legs: when the ring timeout ends, across every attempt ({@link System#nanoTime}). */
    long ringDeadline;
    /** Whether we hold the remote party: what our re-INVITEs offer ({@code a=sendonly}) until taken off hold. */
    boolean heldLocally;
    /** The session timer agreed for the leg (RFC 4028), if any: see {@link SessionTimers}. */
    SessionTimers.Agreed sessionTimer;
    /** When the leg's session is next to be refreshed, or given up on; null without a session timer. */
    ScheduledFuture<?> sessionDue;

    private Leg(LegId id, CallConnectionId call, String remote, Optional<SipTrunk> trunk, SipTransport transport,
                MediaSession media, String callId, long sdpSessionId) {
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
    static Leg outbound(DialRequest request, Route route, MediaSession media, String callId, long sdpSessionId) {
        return new Leg(request.leg(), request.call(), route.target().toString(), route.trunk(),
                route.target().transport(), media, callId, sdpSessionId);
    }

    /** An incoming call answered as a leg: its 200 OK is about to go out. */
    static Leg inbound(CallConnectionId call, LegId id, String caller, SipTransport transport, Dialog dialog,
                       RemoteAudio callerAudio, MediaSession media, String callId, long sdpSessionId) {
        Leg leg = new Leg(id, call, caller, Optional.empty(), transport, media, callId, sdpSessionId);
        leg.state = LegState.ACCEPTED;
        leg.dialog = dialog;
        leg.callerAudio = callerAudio;
        return leg;
    }

    LegId id() {
        return id;
    }

    void moveTo(CallConnectionId next) {
        call = Objects.requireNonNull(next, "next");
    }

    CallConnectionId call() {
        return call;
    }

    @Override
    public String toString() {
        return "leg " + id + " of call " + call;
    }
}
