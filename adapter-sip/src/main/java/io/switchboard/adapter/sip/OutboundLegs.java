package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.Sdp;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.rtp.MediaSession;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The UAC side of legs (RFC 3261 §13.2, §9): dials, follows responses, answers challenges, gives up on no answer.
 * Confined to the signalling thread.
 */
final class OutboundLegs {

    /** Sends a leg through a trunk, within that trunk's limits (its {@link TrunkGate}); never throws. */
    interface ThroughTrunk {
        void dial(DialRequest request, SipTrunk trunk, List<SipTrunk> untried);
    }

    private final SipEndpoint sip;
    private final Invites invites;
    private final Routes routes;
    private final LegTable legs;
    private final LegSignals signals;
    private final SignallingThread thread;
    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final ThroughTrunk failover;
    private SessionTimers timers;

    OutboundLegs(SipEndpoint sip, Routes routes, LegTable legs, LegSignals signals, SignallingThread thread,
                 ThroughTrunk failover) {
        this.failover = failover;
        this.sip = sip;
        this.invites = new Invites(sip);
        this.routes = routes;
        this.legs = legs;
        this.signals = signals;
        this.thread = thread;
    }

    /** The session timers our INVITEs offer and the answers set; they call back for refreshes ({@link #refresh}). */
    void refreshing(SessionTimers sessionTimers) {
        this.timers = sessionTimers;
    }

    /** Sends the INVITE of a new leg whose media is open; ends the leg at once if it cannot be sent. */
    void dial(DialRequest request, MediaSession media) throws Exception {
        Optional<Route> route = routes.route(request);
        if (route.isEmpty()) {
            media.close();
            legs.failed(request.call(), request.leg(),
                    ResultInformation.unavailable("No SIP route to " + request.target().rawId() + "."));
            return;
        }
        send(request, media, route.get(), List.of(), "calling " + route.get().target());
    }

    /**
     * Sends the INVITE of a new leg to a number through {@code trunk}; on a 5xx or no answer from it, the leg goes out
     * again through the first of {@code untried}, within the same ring time.
     */
    void dial(DialRequest request, MediaSession media, SipTrunk trunk, List<SipTrunk> untried) throws Exception {
        Route route = routes.through(request, (PhoneNumberIdentifier) request.target(), trunk);
        send(request, media, route, untried, "calling " + route.target() + " (trunk " + trunk.name() + ")");
    }

    private void send(DialRequest request, MediaSession media, Route route, List<SipTrunk> untried, String what)
            throws Exception {
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Request invite = invites.create(route, Sdp.offer(sip.mediaHost, media.localPort(), sessionId, 1));
        Leg leg = Leg.outbound(request, route, media, callId(invite), sessionId);
        leg.dialled = request;
        leg.untried = List.copyOf(untried);
        leg.ringDeadline = System.nanoTime() + request.ringTimeout().toNanos();
        legs.add(leg, what);
        if (sip.canSendNow(route.target())) {
            invite(leg, invite, route);
            return;
        }
        // A new TCP connection is opened off this thread (a peer that drops the attempt takes seconds to give up on,
        // and every other leg's signalling runs here), then the INVITE goes over it.
        sip.connect(route.target()).whenComplete((connected, failure) -> thread.execute("INVITE of " + leg.id(), () -> {
            if (leg.state != LegState.CALLING) { // hung up meanwhile (already reported): no INVITE went out
                signals.apply(leg, new LegState.Over(ResultInformation.HUNG_UP_BY_APPLICATION));
            } else if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                notSent(leg, route, cause.getMessage());
            } else {
                invite(leg, invite, route);
            }
        }));
    }

    private void invite(Leg leg, Request invite, Route route) {
        try {
            leg.invite = sip.send(invite);
        } catch (SipException e) {
            // Over TCP a connection that broke shows here at once, not after Timer B; JAIN-SIP's own words for it are
            // about routing, the connection's are in the cause.
            notSent(leg, route, e.getCause() instanceof IOException io ? io.getMessage() : e.getMessage());
            return;
        }
        DialRequest request = leg.dialled;
        Duration timeout = request.ringTimeout();
        LegId id = leg.id();
        leg.ringTimer = thread.schedule("ring timeout of " + id, timeout, () -> ringTimedOut(id, timeout));
    }

    private void notSent(Leg leg, Route route, String reason) {
        String why = "SIP INVITE could not be sent over " + route.target().transport() + " to " + route.target() + ": "
                + reason;
        if (!failedOver(leg, 503, why)) {
            signals.apply(leg, new LegState.Over(ResultInformation.unavailable(why)));
        }
    }

    /**
     * A trunk leg not yet answered that its trunk refused with a 5xx, or that it never answered (408), goes out again
     * through the next trunk for its number, if there is one and ring time is left; the application sees one leg.
     *
     * @return whether it did
     */
    private boolean failedOver(Leg leg, int status, String why) {
        boolean early = leg.state == LegState.CALLING || leg.state == LegState.TRYING || leg.state == LegState.RINGING;
        long left = leg.ringDeadline - System.nanoTime();
        if (leg.untried.isEmpty() || leg.trunk.isEmpty() || !early || !(status >= 500 || status == 408)
                || left <= 0) {
            return false;
        }
        SipTrunk next = leg.untried.get(0);
        legs.retried(leg, "trunk " + leg.trunk.get().name() + " answered " + status + " (" + why + "); trying trunk "
                + next.name());
        leg.media.close(); // the next attempt opens its own when it goes out
        DialRequest request = leg.dialled;
        failover.dial(new DialRequest(request.call(), request.leg(), request.target(), request.callerId(),
                Duration.ofNanos(left)), next, leg.untried.subList(1, leg.untried.size()));
        return true;
    }

    private void ringTimedOut(LegId id, Duration timeout) {
        legs.find(id).ifPresent(leg -> signals.apply(leg, new LegState.RingTimeout(seconds(timeout))));
    }

    void onResponse(ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        Optional<Leg> found = legs.find(response);
        if (found.isEmpty()) {
            hangUpStray(event);
            return;
        }
        Leg leg = found.get();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        int status = response.getStatusCode();
        if (leg.reinvite != null && event.getClientTransaction() == leg.reinvite) {
            onReinviteResponse(leg, event, status);
        } else if (method.equals(Request.INVITE)) {
            onInviteResponse(leg, event, status);
        } else if (method.equals(Request.BYE) && status >= 200 && ownDialog(leg, event.getDialog())) {
            signals.apply(leg, new LegState.Over(ResultInformation.HUNG_UP_BY_APPLICATION));
        }
    }

    private void onInviteResponse(Leg leg, ResponseEvent event, int status) throws Exception {
        Response response = event.getResponse();
        if (status < 200) {
            signals.apply(leg, new LegState.Provisional(status));
        } else if (status < 300) {
            answered(leg, event);
        } else if (!(leg.state.isLive() && (status == 401 || status == 407) && retryWithCredentials(leg, response))
                && !failedOver(leg, status, response.getReasonPhrase())) {
            signals.apply(leg, new LegState.Refused(status, response.getReasonPhrase()));
        }
    }

    /**
     * A 2xx from another branch of the INVITE, once the leg has its dialog (a proxy forked it and two phones answered;
     * RFC 3261 §13.2.2.4): that dialog is acknowledged and ended at once, else its phone would stay answered to nothing
     * until its own timer gave up. The leg goes on with the dialog it has.
     */
    private void hangUpFork(Leg leg, Dialog fork, long cseq) {
        if (fork.getState() != DialogState.TERMINATED) {
            legs.note(leg, "a second answer, from another branch (To tag " + fork.getRemoteTag() + "): acknowledged "
                    + "and hung up; the leg stays with the first");
        }
        try {
            acknowledgeAndEnd(fork, cseq);
        } catch (SipException | InvalidArgumentException e) {
            legs.note(leg, "the second answer could not be acknowledged or its dialog ended: " + e.getMessage());
        }
    }

    /**
     * A 2xx to an INVITE of a leg no longer here (it gave up on the INVITE after Timer B, or the server started again
     * since): acknowledged and ended at once, as a second answer is ({@link #hangUpFork}). Other responses of such
     * legs (to their BYE, say) need nothing.
     */
    private void hangUpStray(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        Dialog dialog = event.getDialog();
        if (!cseq.getMethod().equals(Request.INVITE) || response.getStatusCode() / 100 != 2 || dialog == null) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        if (dialog.getState() != DialogState.TERMINATED) {
            LOG.log(System.Logger.Level.INFO, "SIP: an answer (To tag {0}) for Call-ID {1}, whose leg has ended: "
                    + "acknowledged and hung up", dialog.getRemoteTag(), callId);
        }
        try {
            acknowledgeAndEnd(dialog, cseq.getSeqNumber());
        } catch (SipException | InvalidArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "SIP: an answer for Call-ID " + callId + ", whose leg has ended, "
                    + "could not be acknowledged or its dialog ended: " + e.getMessage());
        }
    }

    /**
     * Acknowledges a 2xx no leg keeps and ends its dialog with BYE; once that dialog has ended, the 2xx again (our ACK
     * was lost) is acknowledged again, nothing more.
     */
    private void acknowledgeAndEnd(Dialog dialog, long cseq) throws SipException, InvalidArgumentException {
        boolean ended = dialog.getState() == DialogState.TERMINATED;
        dialog.sendAck(dialog.createAck(cseq));
        if (!ended) {
            sip.sendInDialog(dialog, dialog.createRequest(Request.BYE));
        }
    }

    private boolean retryWithCredentials(Leg leg, Response challenge) {
        Optional<SipTrunk> trunk = leg.trunk.filter(SipTrunk::hasCredentials);
        if (trunk.isEmpty() || leg.challenged) {
            return false;
        }
        leg.challenged = true;
        try {
            leg.invite = sip.send(invites.authorized(leg.invite.getRequest(), challenge, trunk.get()));
            signals.apply(leg, new LegState.Reinvited());
        } catch (Exception e) {
            signals.apply(leg, new LegState.Over(Causes.of(challenge.getStatusCode(),
                    challenge.getReasonPhrase() + " (cannot answer the challenge: " + e.getMessage() + ")")));
        }
        return true;
    }

    private void answered(Leg leg, ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        if (leg.ack != null && event.getDialog() != null && event.getDialog() != leg.dialog) {
            hangUpFork(leg, event.getDialog(), ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
            return;
        }
        if (leg.ack != null) {
            // A retransmitted 2xx: our ACK was lost (RFC 3261 §13.2.2.4). JAIN-SIP normally re-sends the ACK
            // itself and keeps the 2xx from us; should one get through, it is acknowledged, never answered twice.
            leg.dialog.sendAck(leg.ack);
            return;
        }
        leg.dialog = event.getDialog();
        leg.ack = leg.dialog.createAck(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
        leg.dialog.sendAck(leg.ack);
        leg.invite = null; // nothing to cancel or authorize once answered
        AnsweredDialogs.acknowledged(leg.dialog);
        signals.apply(leg, new LegState.Accepted(SipEndpoint.remoteAudio(response)));
        if (leg.state == LegState.ANSWERED) {
            timers.answered(leg, response);
        }
    }

    /**
     * Tells an answered leg's remote party it is held ({@code a=sendonly}) or no longer ({@code a=sendrecv}) with a
     * re-INVITE (RFC 3264 §8.4); its answer may move the media. One at a time: a hold asked while one is in progress
     * goes out after it (RFC 3261 §14.1 forbids overlapping INVITEs in a dialog).
     */
    void hold(Leg leg, boolean held) throws Exception {
        if (leg.reinvite != null) {
            leg.heldNext = Optional.of(held);
            return;
        }
        leg.heldLocally = held;
        reinvite(leg, ++leg.sdpVersion);
        LOG.log(System.Logger.Level.INFO, "SIP leg {0} of call {1}: {2} (re-INVITE)", leg.id(), leg.call(),
                held ? "held" : "taken off hold");
    }

    /**
     * Refreshes an answered leg's session (RFC 4028 §7.4): a re-INVITE offering the media as it is, the same SDP
     * version (RFC 3264 §8) unless our last description answered the peer's hold (its direction now differs); none
     * while a re-INVITE is in progress, whose answer refreshes the session as well. One that cannot be sent ends the
     * leg.
     */
    void refresh(Leg leg) {
        if (leg.state != LegState.ANSWERED || leg.reinvite != null) {
            return;
        }
        try {
            reinvite(leg, leg.heldByRemote ? ++leg.sdpVersion : leg.sdpVersion);
        } catch (Exception e) {
            signals.apply(leg, new LegState.Lost("SIP session refresh could not be sent: " + e.getMessage()));
        }
    }

    private void reinvite(Leg leg, long sdpVersion) throws Exception {
        Request reinvite = leg.dialog.createRequest(Request.INVITE);
        reinvite.addHeader(sip.contact(leg.transport));
        sip.capabilities(reinvite);
        timers.offer(leg, reinvite);
        reinvite.setContent(Sdp.offer(sip.mediaHost, leg.media.localPort(), leg.sdpSessionId, sdpVersion,
                leg.heldLocally), sip.headers.createContentTypeHeader("application", "sdp"));
        ClientTransaction tx = sip.provider.getNewClientTransaction(reinvite);
        leg.reinvite = tx;
        leg.dialog.sendRequest(tx);
    }

    private void onReinviteResponse(Leg leg, ResponseEvent event, int status) throws Exception {
        Response response = event.getResponse();
        if (status < 200) {
            return;
        }
        leg.reinvite = null;
        if (status < 300) {
            leg.dialog.sendAck(leg.dialog.createAck(((CSeqHeader) response.getHeader(CSeqHeader.NAME))
                    .getSeqNumber()));
            SipEndpoint.remoteAudio(response).ifPresent(audio -> signals.updateMedia(leg, audio));
            timers.answered(leg, response);
        } else if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            // the peer no longer knows the call (RFC 3261 §14.1)
            signals.apply(leg, new LegState.Lost("SIP " + status + " to a re-INVITE: the call is gone at "
                    + leg.remote));
            return;
        } else {
            // the peer keeps the media as it was; the hold music, if any, plays all the same
            LOG.log(System.Logger.Level.INFO, "SIP leg {0} of call {1}: re-INVITE refused: SIP {2}", leg.id(),
                    leg.call(), status);
        }
        Optional<Boolean> next = leg.heldNext;
        leg.heldNext = Optional.empty();
        if (next.isPresent()) {
            hold(leg, next.get());
        }
    }

    /** Whether a message of {@code dialog} is the leg's own, not one of another branch's (see {@link #hangUpFork}). */
    static boolean ownDialog(Leg leg, Dialog dialog) {
        return dialog == null || leg.dialog == null || dialog == leg.dialog;
    }

    /** A client transaction got no final response within Timer B/F. */
    void onTimeout(ClientTransaction tx) {
        Request request = tx.getRequest();
        legs.find(request).ifPresent(leg -> {
            if (tx == leg.reinvite) {
                // the peer is gone without a BYE (RFC 3261 §14.1: a re-INVITE's 408 ends the dialog)
                leg.reinvite = null;
                signals.apply(leg, new LegState.Lost("SIP re-INVITE unanswered: no response from " + leg.remote));
                return;
            }
            String why = "SIP 408 Request Timeout (no response from " + leg.remote + ")";
            if (request.getMethod().equals(Request.INVITE) && failedOver(leg, 408, why)) {
                return;
            }
            if (request.getMethod().equals(Request.INVITE)
                    || request.getMethod().equals(Request.BYE) && ownDialog(leg, tx.getDialog())) {
                signals.apply(leg, new LegState.Over(ResultInformation.unavailable(why)));
            }
        });
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }
}
