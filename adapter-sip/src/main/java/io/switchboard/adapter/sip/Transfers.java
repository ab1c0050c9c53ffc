package io.switchboard.adapter.sip;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Blind transfers of answered legs (RFC 3515, RFC 5589 §6): a REFER in the leg's dialog, then the NOTIFYs of its
 * implicit subscription, whose {@code message/sipfrag} bodies say how the transferee's call to the target goes. On a
 * 2xx from the target our side of the dialog is hung up with BYE and the leg forgotten unreported; on anything else
 * the leg stays in its call as it was. Digest challenges to the REFER are not answered: a 401/407 fails the transfer.
 * Confined to the signalling thread.
 */
final class Transfers {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());
    /** The status line a sipfrag body starts with (RFC 3420), e.g. {@code SIP/2.0 486 Busy Here}. */
    private static final Pattern STATUS_LINE = Pattern.compile("\\s*SIP/2\\.0 (\\d{3}) ?([^\\r\\n]*)");

    private final SipEndpoint sip;
    private final Routes routes;
    private final LegTable legs;
    private final LegSignals signals;
    private final SignallingThread thread;
    private final Duration finalNotifyTimeout;

    Transfers(SipEndpoint sip, Routes routes, LegTable legs, LegSignals signals, SignallingThread thread, Duration t1) {
        this.sip = sip;
        this.routes = routes;
        this.legs = legs;
        this.signals = signals;
        this.thread = thread;
        this.finalNotifyTimeout = t1.multipliedBy(64);
    }

    /**
     * Sends the REFER; the stage fails at once if the leg is not this adapter's (UnsupportedOperationException), not
     * answered or being transferred already (IllegalStateException), or the target has no SIP address
     * (IllegalArgumentException).
     */
    void transfer(CallConnectionId call, LegId id, CommunicationIdentifier target, CompletableFuture<Void> stage) {
        Optional<Leg> found = legs.find(id).filter(leg -> leg.call().equals(call));
        if (found.isEmpty()) {
            stage.completeExceptionally(new UnsupportedOperationException("leg " + id + " of call " + call
                    + " is not a SIP leg"));
            return;
        }
        Leg leg = found.get();
        if (leg.state != LegState.ANSWERED || leg.transfer != null) {
            stage.completeExceptionally(new IllegalStateException(leg + " cannot be transferred: "
                    + (leg.transfer != null ? "a transfer to " + leg.transfer.target + " is under way"
                    : "it is " + leg.state.name().toLowerCase(Locale.ROOT) + ", not answered")));
            return;
        }
        Optional<SipUri> address = routes.address(target);
        if (address.isEmpty()) {
            stage.completeExceptionally(new IllegalArgumentException("target: " + target.rawId()
                    + " (expected: a phone number with a SIP trunk configured, or a user in " + SipConfig.USERS + ")"));
            return;
        }
        Transfer transfer = new Transfer(address.get(), stage);
        leg.transfer = transfer;
        LOG.log(Level.INFO, "SIP {0}: transfer to {1} requested (REFER to {2})", leg, target.rawId(),
                address.get());
        try {
            Request refer = leg.dialog.createRequest(Request.REFER);
            refer.addHeader(sip.headers.createReferToHeader(sip.addresses.createAddress("<" + address.get() + ">")));
            refer.addHeader(sip.headers.createHeader("Referred-By", "<" + sip.uri() + ">"));
            refer.setHeader(sip.contact(leg.transport));
            transfer.referSeq = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
            transfer.refer = sip.sendInDialog(leg.dialog, refer);
        } catch (Exception e) {
            transfer.failed(leg, "SIP REFER could not be sent: " + e.getMessage());
        }
    }

    /** A response to a REFER: 202 (or any 2xx) accepts it, a final non-2xx fails the transfer. */
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        Optional<Leg> leg = legs.find(response).filter(l -> l.transfer != null
                && l.transfer.refer == event.getClientTransaction());
        if (leg.isEmpty() || status < 200) {
            return;
        }
        Transfer transfer = leg.get().transfer;
        if (status < 300) {
            accepted(leg.get(), transfer, "SIP " + status);
        } else {
            transfer.failed(leg.get(), "SIP " + status + " " + response.getReasonPhrase()
                    + ": the phone does not take the transfer");
        }
    }

    /** A REFER got no final response within Timer F. */
    void onTimeout(ClientTransaction tx) {
        legs.find(tx.getRequest()).filter(leg -> leg.transfer != null && leg.transfer.refer == tx)
                .ifPresent(leg -> leg.transfer.failed(leg, "SIP 408 Request Timeout (no response to the REFER from "
                        + leg.remote + ")"));
    }

    /**
     * A NOTIFY in a leg's dialog: answered 200 when it reports on the leg's transfer, 481 when there is none
     * (RFC 6665 §4.1.3), 489 when it is not of the refer event package. A 1xx sipfrag changes nothing; a 2xx hands
     * the leg over; a final non-2xx, or the subscription ending without a final one, fails the transfer.
     */
    void onNotify(RequestEvent event, Optional<Leg> found) throws Exception {
        Request notify = event.getRequest();
        EventHeader eventHeader = (EventHeader) notify.getHeader(EventHeader.NAME);
        if (eventHeader == null || !"refer".equalsIgnoreCase(eventHeader.getEventType())) {
            sip.respond(event, Response.BAD_EVENT, null);
            return;
        }
        Optional<Leg> leg = found.filter(l -> l.transfer != null && (eventHeader.getEventId() == null
                || eventHeader.getEventId().equals(Long.toString(l.transfer.referSeq))));
        if (leg.isEmpty()) {
            sip.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        sip.respond(event, Response.OK, null);
        Transfer transfer = leg.get().transfer;
        // The first NOTIFY may overtake the 202 (RFC 3515 §2.4.4): it accepts the REFER as well.
        accepted(leg.get(), transfer, "NOTIFY");
        Optional<Matcher> sipfrag = statusLine(notify);
        int status = sipfrag.map(m -> Integer.parseInt(m.group(1))).orElse(0);
        if (status >= 200 && status < 300) {
            transfer.completed(leg.get());
            signals.apply(leg.get(), new LegState.Transferred(transfer.target));
        } else if (status >= 300) {
            transfer.failed(leg.get(), "SIP " + status + " " + sipfrag.get().group(2).trim() + " from "
                    + transfer.target);
        } else if (terminated(notify)) {
            transfer.failed(leg.get(), "the phone ended the transfer's subscription without a final response from "
                    + transfer.target);
        }
    }

    private void accepted(Leg leg, Transfer transfer, String how) {
        if (transfer.accepted) {
            return;
        }
        transfer.accepted = true;
        LOG.log(Level.INFO, "SIP {0}: transfer to {1} accepted by the phone ({2})", leg, transfer.target, how);
        LegId id = leg.id();
        transfer.finalNotifyTimer = thread.schedule("transfer timeout of " + id, finalNotifyTimeout,
                () -> legs.find(id).filter(l -> l.transfer == transfer).ifPresent(l -> transfer.failed(l,
                        "no final NOTIFY from " + l.remote + " within " + finalNotifyTimeout.toMillis()
                                + " ms of accepting the transfer")));
    }

    private static Optional<Matcher> statusLine(Request notify) {
        byte[] body = notify.getRawContent();
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = STATUS_LINE.matcher(new String(body, StandardCharsets.UTF_8));
        return m.lookingAt() ? Optional.of(m) : Optional.empty();
    }

    private static boolean terminated(Request notify) {
        SubscriptionStateHeader state = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        return state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState());
    }
}
