package io.switchboard.adapter.sip;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;
import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.rtp.MediaSession;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The UAS side of incoming calls (RFC 3261 §13.3): offers each INVITE to the core while it rings, then answers,
 * rejects or redirects it as the core says, or withdraws it when the caller cancels. An answered call becomes a
 * {@link Leg} like a dialled one once its ACK arrives. Confined to the signalling thread.
 */
final class InboundCalls {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());
    private static final String CALLER_GONE = "the caller hung up before the call was answered";
    /** What a caller refused for load is told to wait before trying again (RFC 3261 §21.5.4). */
    static final int RETRY_AFTER_SECONDS = 5;

    private final Map<String, SipOfferedCall> ringing = new HashMap<>();
    private final SipEndpoint sip;
    private final SipIdentities identities;
    private final Routes routes;
    private final LegTable legs;
    private final LegSignals signals;
    private final MediaEvents media;
    private final SignallingThread thread;
    private final HandleIncomingCallUseCase incoming;
    private final int maxRinging;
    private final InboundAllowList allowed;
    private final Registrations registrations;
    private final SessionTimers timers;
    private long refusedForLoad;
    private long refusedForSource;

    InboundCalls(SipEndpoint sip, SipIdentities identities, Routes routes, LegTable legs, LegSignals signals,
                 MediaEvents media, SignallingThread thread, HandleIncomingCallUseCase incoming, int maxRinging,
                 InboundAllowList allowed, Registrations registrations, SessionTimers timers) {
        this.registrations = registrations;
        this.timers = timers;
        this.maxRinging = maxRinging;
        this.allowed = allowed;
        this.sip = sip;
        this.identities = identities;
        this.routes = routes;
        this.legs = legs;
        this.signals = signals;
        this.media = media;
        this.thread = thread;
        this.incoming = incoming;
    }

    /**
     * An INVITE outside any dialog: rings (180) and is offered, or is refused at once (403 from a source not
     * allowed, 420 naming the SIP extensions it requires that are not offered, 422 for a session timer below the
     * minimum, 482, 488; 503 with {@code Retry-After} while {@code maxRinging} calls ring already).
     */
    void invite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (ringing.containsKey(callId)) {
            return; // a retransmission: the transaction answers it with our last response
        }
        ServerTransaction tx;
        try {
            tx = sip.serverTransaction(event);
        } catch (TransactionAlreadyExistsException retransmission) {
            return;
        }
        if (legs.find(request).isPresent()) {
            // A new INVITE with the Call-ID of one of our legs: our own INVITE came back (RFC 3261 §8.2.2.2).
            sip.respond(tx, Response.LOOP_DETECTED, tag(), null, null);
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String caller = from.getAddress().getURI().toString();
        InetAddress source = ((SIPRequest) request).getRemoteAddress();
        if (source == null || !allowed.admits(source) && !registrations.hasDeviceAt(source)) {
            // not a trunk, a user or an allowed network: refused before it rings or costs an offer or a webhook
            sip.respond(tx, Response.FORBIDDEN, tag(), null, null);
            if (refusedForSource++ % 1000 == 0) {
                LOG.log(Level.WARNING, "SIP incoming call {0} from {1} at {2}: refused: SIP 403, not an allowed "
                        + "source (see " + InboundAllowList.SETTING + "; {3} refused so far)", callId, caller,
                        source == null ? "?" : source.getHostAddress(), refusedForSource);
            }
            return;
        }
        if (ringing.size() >= maxRinging) {
            // a flood (or a burst beyond what is configured): refused before it costs an offer or a webhook
            sip.respondRetryLater(tx, tag(), RETRY_AFTER_SECONDS);
            if (refusedForLoad++ % 1000 == 0) {
                LOG.log(Level.WARNING, "SIP incoming call {0} from {1}: refused: SIP 503, {2} calls ringing already "
                        + "({3} refused so far)", callId, caller, ringing.size(), refusedForLoad);
            }
            return;
        }
        List<String> required = SipEndpoint.unsupportedExtensions(request);
        if (!required.isEmpty()) {
            // e.g. reliable provisional responses (100rel), which are not offered here
            Response refused = sip.badExtension(request, required);
            ((ToHeader) refused.getHeader(ToHeader.NAME)).setTag(tag());
            sip.respond(tx, refused);
            LOG.log(Level.INFO, "SIP incoming call {0} from {1}: refused: SIP 420, it requires {2} (not offered "
                    + "here)", callId, caller, String.join(", ", required));
            return;
        }
        SessionTimers.Asked session = timers.asked(request);
        if (session instanceof SessionTimers.TooShort asked) {
            Response refused = timers.tooShort(request);
            ((ToHeader) refused.getHeader(ToHeader.NAME)).setTag(tag());
            sip.respond(tx, refused);
            LOG.log(Level.INFO, "SIP incoming call {0} from {1}: refused: SIP 422, its session timer of {2} s is "
                    + "below the minimum (" + SipConfig.MIN_SESSION + ")", callId, caller, asked.seconds());
            return;
        }
        Optional<RemoteAudio> audio = SipEndpoint.remoteAudio(request);
        if (audio.isEmpty()) {
            // No offer (late offer is not supported) or no G.711 in it (RFC 3261 §13.3.1.1).
            sip.respond(tx, Response.NOT_ACCEPTABLE_HERE, tag(), null, null);
            LOG.log(Level.INFO, "SIP incoming call {0} from {1}: refused: SIP 488 (no PCMU/PCMA offered)", callId,
                    caller);
            return;
        }
        SipOfferedCall offer = new SipOfferedCall(this, thread, tx, callId, tag(), caller, audio.get(), session);
        CommunicationIdentifier fromId = identities.identify(caller);
        CommunicationIdentifier toId = identities.identify(request.getRequestURI().toString());
        ringing.put(callId, offer);
        sip.respond(tx, Response.RINGING, offer.toTag, null, null);
        LOG.log(Level.INFO, "SIP incoming call {0}: offered from {1} to {2}", callId, fromId.rawId(), toId.rawId());
        try {
            incoming.offered(new IncomingCallOffer(fromId, toId,
                    Optional.ofNullable(from.getAddress().getDisplayName()).filter(name -> !name.isBlank()), offer));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIP " + offer + ": the core did not take the offer", e);
            reject(offer, RejectReason.UNANSWERED);
        }
    }

    /** A CANCEL: if it cancels a ringing call, 200 to it, 487 to the INVITE, and the offer is withdrawn. */
    boolean cancel(RequestEvent event) throws Exception {
        SipOfferedCall offer = ringing.remove(((CallIdHeader) event.getRequest().getHeader(CallIdHeader.NAME))
                .getCallId());
        if (offer == null) {
            return false;
        }
        offer.state = SipOfferedCall.State.WITHDRAWN;
        sip.respond(event, Response.OK, null);
        sip.respond(offer.invite, Response.REQUEST_TERMINATED, offer.toTag, null, null);
        LOG.log(Level.INFO, "SIP {0}: withdrawn: the caller canceled it", offer);
        incoming.withdrawn(offer);
        return true;
    }

    /** Answers with 200 and our SDP; the leg is reported answered once the ACK arrives ({@link #acknowledged}). */
    void answer(SipOfferedCall offer, CallConnectionId call, LegId id) throws Exception {
        if (offer.state == SipOfferedCall.State.WITHDRAWN) {
            legs.failed(call, id, ResultInformation.canceled(CALLER_GONE));
            return;
        }
        if (!ringing.remove(offer.callId, offer)) {
            // the port promises one legEnded for every answer: the core never answers twice, but SIP may have
            // refused the call meanwhile (the adapter closing)
            legs.failed(call, id, ResultInformation.unavailable("the incoming call was already "
                    + offer.state.name().toLowerCase(Locale.ROOT)));
            return;
        }
        Optional<MediaSession> opened = media.open(call, id);
        if (opened.isEmpty()) {
            offer.state = SipOfferedCall.State.REJECTED;
            sip.respond(offer.invite, Response.SERVICE_UNAVAILABLE, offer.toTag, null, null);
            LOG.log(Level.INFO, "SIP {0}: rejected: SIP 503 (no RTP port)", offer);
            return;
        }
        offer.state = SipOfferedCall.State.ANSWERED;
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Leg leg = Leg.inbound(call, id, offer.caller, SipEndpoint.transportOf(offer.invite.getRequest()),
                offer.invite.getDialog(), offer.callerAudio, opened.get(), offer.callId, sessionId);
        legs.add(leg, "answered " + offer + " from " + offer.caller + " (SIP 200)");
        try {
            Response ok = sip.response(offer.invite.getRequest(), Response.OK,
                    Sdp.answer(sip.mediaHost, leg.media.localPort(), sessionId, leg.sdpVersion, offer.callerAudio));
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(offer.toTag);
            timers.grant(leg, offer.session, ok);
            sip.respond(offer.invite, ok);
            leg.dialog = offer.invite.getDialog();
        } catch (Exception e) {
            signals.apply(leg, new LegState.Over(
                    ResultInformation.unavailable("SIP 200 OK could not be sent: " + e.getMessage())));
        }
    }

    /** The ACK of our 200 arrived: the media starts and the leg is answered, or the BYE held back goes out. */
    void acknowledged(Leg leg) {
        AnsweredDialogs.acknowledged(leg.dialog);
        signals.apply(leg, new LegState.Ack(leg.callerAudio));
    }

    /** Our 200 was sent for 64 × T1 without an ACK: the session is to be ended with BYE (RFC 3261 §13.3.1.4). */
    void ackTimedOut(String callId) {
        legs.find(callId).ifPresent(leg -> signals.apply(leg, new LegState.AckTimeout()));
    }

    void reject(SipOfferedCall offer, RejectReason reason) throws Exception {
        if (!ringing.remove(offer.callId, offer)) {
            LOG.log(Level.DEBUG, "SIP {0}: reject ignored: already {1}", offer, offer.state);
            return;
        }
        int status = switch (reason) {
            case DECLINED -> Response.DECLINE;
            case BUSY -> Response.BUSY_HERE;
            case FORBIDDEN -> Response.FORBIDDEN;
            case UNANSWERED -> Response.TEMPORARILY_UNAVAILABLE;
        };
        offer.state = SipOfferedCall.State.REJECTED;
        sip.respond(offer.invite, status, offer.toTag, null, null);
        LOG.log(Level.INFO, "SIP {0}: rejected ({1}): SIP {2}", offer, reason, status);
    }

    /** 302 to the target's address as a leg would be dialled there; without one the stage fails and it rings on. */
    void redirect(SipOfferedCall offer, CommunicationIdentifier target, CompletableFuture<Void> redirected) {
        if (offer.state != SipOfferedCall.State.RINGING) {
            LOG.log(Level.DEBUG, "SIP {0}: redirect ignored: already {1}", offer, offer.state);
            redirected.complete(null);
            return;
        }
        Optional<SipUri> address = routes.address(target);
        if (address.isEmpty()) {
            redirected.completeExceptionally(new IllegalArgumentException("target: " + target.rawId()
                    + " (expected: a phone number with a SIP trunk configured, or a user in " + SipConfig.USERS + ")"));
            return;
        }
        try {
            sip.respond(offer.invite, Response.MOVED_TEMPORARILY, offer.toTag, null, address.get().toString());
        } catch (Exception e) {
            redirected.completeExceptionally(e);
            return;
        }
        ringing.remove(offer.callId, offer);
        offer.state = SipOfferedCall.State.REDIRECTED;
        LOG.log(Level.INFO, "SIP {0}: redirected to {1} (SIP 302)", offer, address.get());
        redirected.complete(null);
    }

    /** Refuses every call still ringing with 480 Temporarily Unavailable, as the adapter stops. */
    void close() throws Exception {
        for (SipOfferedCall offer : new ArrayList<>(ringing.values())) {
            reject(offer, RejectReason.UNANSWERED);
        }
    }

    private static String tag() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
