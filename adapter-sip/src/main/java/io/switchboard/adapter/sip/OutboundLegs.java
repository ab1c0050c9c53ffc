package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The UAC side of legs (RFC 3261 §13.2, §9): dials, follows responses, answers challenges, gives up on no answer.
 * Confined to the signalling thread.
 */
final class OutboundLegs {

    private final SipEndpoint sip;
    private final Invites invites;
    private final Routes routes;
    private final LegTable legs;
    private final HangUps hangUps;
    private final SignallingThread thread;

    OutboundLegs(SipEndpoint sip, Routes routes, LegTable legs, HangUps hangUps, SignallingThread thread) {
        this.sip = sip;
        this.invites = new Invites(sip);
        this.routes = routes;
        this.legs = legs;
        this.hangUps = hangUps;
        this.thread = thread;
    }

    /** Sends the INVITE of a new leg whose media is open; ends the leg at once if it cannot be sent. */
    void dial(DialRequest request, LegMedia media) throws Exception {
        Optional<Route> route = routes.route(request);
        if (route.isEmpty()) {
            media.close();
            legs.failed(request.call(), request.leg(),
                    ResultInformation.unreachable("No SIP route to " + request.target().rawId() + "."));
            return;
        }
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Request invite = invites.create(route.get(), Sdp.offer(sip.host, media.localPort(), sessionId, 1));
        Leg leg = Leg.outbound(request, route.get(), media, callId(invite), sessionId);
        legs.add(leg, "calling " + route.get().target());
        try {
            leg.invite = sip.send(invite);
        } catch (SipException e) {
            // Over TCP a refused connection shows here at once (JAIN-SIP connects while sending), not after Timer B.
            legs.remove(leg, ResultInformation.unavailable("SIP INVITE could not be sent over "
                    + route.get().target().transport() + " to " + route.get().target() + ": " + e.getMessage()));
            return;
        }
        Duration timeout = request.ringTimeout();
        LegId id = leg.id();
        leg.ringTimer = thread.schedule("ring timeout of " + id, timeout, () -> ringTimedOut(id, timeout));
    }

    private void ringTimedOut(LegId id, Duration timeout) throws Exception {
        Optional<Leg> leg = legs.find(id).filter(Leg::isRinging);
        if (leg.isPresent()) {
            legs.ended(leg.get(), ResultInformation.unavailable("no answer after " + seconds(timeout) + " s"));
            hangUps.cancel(leg.get());
        }
    }

    void onResponse(ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        Optional<Leg> found = legs.find(response);
        if (found.isEmpty()) {
            return;
        }
        Leg leg = found.get();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        int status = response.getStatusCode();
        if (method.equals(Request.INVITE)) {
            onInviteResponse(leg, event, status);
        } else if (method.equals(Request.BYE) && status >= 200) {
            legs.remove(leg, ResultInformation.HUNG_UP_BY_APPLICATION);
        }
    }

    private void onInviteResponse(Leg leg, ResponseEvent event, int status) throws Exception {
        Response response = event.getResponse();
        if (status < 200) {
            leg.provisionalSeen = true;
            if (leg.state == Leg.State.CALLING && status > 100) {
                legs.ringing(leg, status);
            }
            if (leg.cancelPending) {
                hangUps.cancel(leg);
            }
        } else if (status < 300) {
            answered(leg, event);
        } else if (leg.state == Leg.State.ENDING) {
            legs.remove(leg, ResultInformation.canceled("SIP " + status));
        } else if ((status == 401 || status == 407) && retryWithCredentials(leg, response)) {
            return;
        } else {
            legs.remove(leg, Causes.of(status, response.getReasonPhrase()));
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
        } catch (Exception e) {
            legs.remove(leg, Causes.of(challenge.getStatusCode(),
                    challenge.getReasonPhrase() + " (cannot answer the challenge: " + e.getMessage() + ")"));
        }
        return true;
    }

    private void answered(Leg leg, ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        if (leg.state == Leg.State.ANSWERED || leg.ack != null) {
            // A retransmitted 2xx: our ACK was lost (RFC 3261 §13.2.2.4). JAIN-SIP normally re-sends the ACK
            // itself and keeps the 2xx from us; should one get through, it is acknowledged, never answered twice.
            leg.dialog.sendAck(leg.ack);
            return;
        }
        leg.dialog = event.getDialog();
        leg.ack = leg.dialog.createAck(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
        leg.dialog.sendAck(leg.ack);
        if (leg.state == Leg.State.ENDING) {
            hangUps.bye(leg); // the 2xx crossed our CANCEL (RFC 3261 §9.1)
            return;
        }
        Optional<RemoteAudio> audio = SipEndpoint.remoteAudio(response);
        if (audio.isEmpty()) {
            legs.ended(leg, ResultInformation.unavailable("SIP 488 Not Acceptable Here (no PCMU/PCMA in the answer)"));
            hangUps.bye(leg);
            return;
        }
        RemoteAudio a = audio.get();
        leg.media.start(new InetSocketAddress(a.address(), a.port()), a.payloadType(), a.telephoneEventPayloadType());
        legs.answered(leg);
    }

    /** A client transaction got no final response within Timer B/F. */
    void onTimeout(ClientTransaction tx) {
        Request request = tx.getRequest();
        legs.find(request).ifPresent(leg -> {
            if (request.getMethod().equals(Request.INVITE) || request.getMethod().equals(Request.BYE)) {
                legs.remove(leg, ResultInformation.unavailable("SIP 408 Request Timeout (no response from "
                        + leg.remote + ")"));
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
