package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Tone;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The UAS side: requests the peer sends within a leg's dialog (BYE, re-INVITE, UPDATE, ACK, NOTIFY, INFO) and the few
 * outside one; a re-INVITE or UPDATE also refreshes the leg's session timer ({@link SessionTimers}), an INFO may carry
 * a key press; new
 * INVITEs and their CANCELs go to {@link InboundCalls}, NOTIFYs about transfers to {@link Transfers}, REGISTERs to
 * the {@link Registrar}. Confined to the signalling thread.
 */
final class DialogRequests {

    private final SipEndpoint sip;
    private final LegTable legs;
    private final InboundCalls inbound;
    private final Transfers transfers;
    private final LegSignals signals;
    private final Optional<Registrar> registrar;
    private final SessionTimers timers;

    DialogRequests(SipEndpoint sip, LegTable legs, InboundCalls inbound, Transfers transfers, LegSignals signals,
                   Optional<Registrar> registrar, SessionTimers timers) {
        this.registrar = registrar;
        this.timers = timers;
        this.sip = sip;
        this.legs = legs;
        this.inbound = inbound;
        this.transfers = transfers;
        this.signals = signals;
    }

    void onRequest(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        if (refusedForItsExtensions(event)) {
            return;
        }
        Optional<Leg> leg = legs.find(request);
        switch (request.getMethod()) {
            case Request.BYE -> bye(event, leg);
            case Request.INVITE -> invite(event, leg);
            case Request.ACK -> ack(request, leg);
            case Request.OPTIONS -> sip.respond(event, Response.OK, null);
            case Request.CANCEL -> cancel(event);
            case Request.NOTIFY -> transfers.onNotify(event, leg);
            case Request.INFO -> info(event, leg);
            case Request.UPDATE -> modify(event, leg, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            case Request.REGISTER -> register(event);
            default -> sip.respond(event, Response.NOT_IMPLEMENTED, null);
        }
    }

    /**
     * A request that requires a SIP extension gets 420 naming it (RFC 3261 §8.2.2.3), but an ACK or CANCEL, which
     * cannot be refused, and a new INVITE, which {@link InboundCalls} refuses so only once its source is allowed.
     */
    private boolean refusedForItsExtensions(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        String method = request.getMethod();
        boolean newInvite = method.equals(Request.INVITE)
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
        if (newInvite || method.equals(Request.ACK) || method.equals(Request.CANCEL)) {
            return false;
        }
        List<String> required = SipEndpoint.unsupportedExtensions(request);
        if (required.isEmpty()) {
            return false;
        }
        sip.respond(event, sip.badExtension(request, required));
        return true;
    }

    /** Devices register for the Identity API's users when the server has them; else REGISTER is not offered. */
    private void register(RequestEvent event) throws Exception {
        if (registrar.isPresent()) {
            registrar.get().onRegister(event);
        } else {
            sip.respond(event, Response.NOT_IMPLEMENTED, null);
        }
    }

    private void bye(RequestEvent event, Optional<Leg> leg) throws Exception {
        if (leg.isEmpty()) {
            // A dialog no leg has is a stray answer's, hung up as it came: its phone's BYE ends it (RFC 3261 §15.1.2)
            sip.respond(event, event.getDialog() != null ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    null);
            return;
        }
        sip.respond(event, Response.OK, null);
        if (!OutboundLegs.ownDialog(leg.get(), event.getDialog())) {
            return; // the dialog of a second answer the leg hung up, ended from its side first
        }
        // A BYE crossing ours also ends the leg here; its end was then reported already.
        signals.apply(leg.get(), new LegState.Over(ResultInformation.REMOTE_HUNG_UP));
    }

    private void invite(RequestEvent event, Optional<Leg> found) throws Exception {
        String toTag = ((ToHeader) event.getRequest().getHeader(ToHeader.NAME)).getTag();
        if (toTag == null) {
            inbound.invite(event);
            return;
        }
        modify(event, found, Response.FORBIDDEN);
    }

    /**
     * A re-INVITE or an UPDATE (RFC 3311) in an answered leg's dialog: an offer moves the media and may hold the call
     * or take it off hold, answered in the 200; either grants the session timer it asks for, so refreshes may come as
     * either. A re-INVITE without an offer gets ours in the 200 (its answer comes in the ACK, RFC 3261 §14.2); an
     * UPDATE without one only refreshes the session. Elsewhere {@code notHere}.
     */
    private void modify(RequestEvent event, Optional<Leg> found, int notHere) throws Exception {
        if (found.isEmpty() || found.get().state != LegState.ANSWERED) {
            sip.respond(event, notHere, null);
            return;
        }
        Leg leg = found.get();
        Request request = event.getRequest();
        SessionTimers.Asked session = timers.asked(request);
        if (session instanceof SessionTimers.TooShort) {
            sip.respond(event, timers.tooShort(request));
            return;
        }
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            accept(event, leg, session, request.getMethod().equals(Request.UPDATE) ? null
                    : Sdp.offer(sip.mediaHost, leg.media.localPort(), leg.sdpSessionId, ++leg.sdpVersion));
            return;
        }
        Optional<RemoteAudio> audio = SipEndpoint.remoteAudio(request);
        if (audio.isEmpty()) {
            sip.respond(event, Response.NOT_ACCEPTABLE_HERE, null);
            return;
        }
        update(leg, audio.get());
        String offered = Sdp.direction(new String(body, StandardCharsets.UTF_8));
        accept(event, leg, session, Sdp.answer(sip.mediaHost, leg.media.localPort(), leg.sdpSessionId,
                ++leg.sdpVersion, audio.get(), offered));
        boolean held = offered.equals("sendonly") || offered.equals("inactive");
        if (held != leg.heldByRemote) {
            leg.heldByRemote = held;
            legs.heldByRemote(leg, held);
        }
    }

    /** The 200 to a re-INVITE or UPDATE, with our SDP (if any) and the session timer it asks for, started there. */
    private void accept(RequestEvent event, Leg leg, SessionTimers.Asked session, String sdp) throws Exception {
        Response ok = sip.response(event.getRequest(), Response.OK, sdp);
        timers.grant(leg, session, ok);
        sip.respond(event, ok);
    }

    /**
     * An INFO in an answered leg's dialog (RFC 2976): a key press as {@link DtmfInfo} reads it is reported like one
     * in the RTP; one without a body (a keep-alive) is answered 200; another content type 415 with {@code Accept}.
     */
    private void info(RequestEvent event, Optional<Leg> found) throws Exception {
        Request request = event.getRequest();
        if (found.isEmpty() || found.get().state != LegState.ANSWERED) {
            sip.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            sip.respond(event, Response.OK, null);
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String contentType = type == null ? "" : type.getContentType() + "/" + type.getContentSubType();
        if (!DtmfInfo.understands(contentType)) {
            Response unsupported = sip.response(request, Response.UNSUPPORTED_MEDIA_TYPE, null);
            for (String understood : DtmfInfo.TYPES) {
                String[] parts = understood.split("/");
                unsupported.addHeader(sip.headers.createAcceptHeader(parts[0], parts[1]));
            }
            sip.respond(event, unsupported);
            return;
        }
        Tone tone;
        try {
            tone = DtmfInfo.tone(contentType, new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            Response bad = sip.response(request, Response.BAD_REQUEST, null);
            bad.setReasonPhrase(e.getMessage().replaceAll("\\p{Cntrl}", " "));
            sip.respond(event, bad);
            return;
        }
        sip.respond(event, Response.OK, null);
        legs.toneReceived(found.get(), tone);
    }

    private void cancel(RequestEvent event) throws Exception {
        if (!inbound.cancel(event)) {
            sip.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        }
    }

    private void ack(Request ack, Optional<Leg> leg) {
        if (leg.isPresent() && (leg.get().state == LegState.ACCEPTED || leg.get().state == LegState.BYE_AFTER_ACK)) {
            inbound.acknowledged(leg.get());
            return;
        }
        leg.filter(l -> l.state == LegState.ANSWERED)
                .ifPresent(l -> SipEndpoint.remoteAudio(ack).ifPresent(audio -> update(l, audio)));
    }

    private void update(Leg leg, RemoteAudio a) {
        signals.updateMedia(leg, a);
    }
}
