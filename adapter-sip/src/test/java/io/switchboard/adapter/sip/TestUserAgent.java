package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.digest.Digest;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;
import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A JAIN-SIP user agent on 127.0.0.1 playing the callee (or a trunk) for the adapter's tests: it answers with
 * PCMU + telephone-event, answers late, is busy or unavailable (503), rings forever, challenges, hangs up, re-INVITEs,
 * takes or refuses REFERs as a transferee, and receives and sends RTP through {@link #rtp()}. It listens on UDP and
 * TCP, answers over the transport the INVITE came over, and records which one each request came over. One call at a
 * time.
 */
final class TestUserAgent implements SipListener, AutoCloseable {

    /** What the UA does with the next INVITE. */
    enum Behaviour { ANSWER, BUSY, RING_FOREVER, UNAVAILABLE }

    /**
     * What the UA does with a REFER (RFC 3515) as the transferee. After a 202 it sends its NOTIFYs (Event
     * {@code refer;id=<the REFER's CSeq>}, {@code message/sipfrag}) one after the other, each once the last got its
     * final response.
     */
    enum ReferBehaviour {
        /** 202, NOTIFY 100 Trying (active), NOTIFY 200 OK (terminated): the target answered. */
        ACCEPT,
        /** 202, NOTIFY 100 Trying (active), NOTIFY 486 Busy Here (terminated). */
        ACCEPT_TARGET_BUSY,
        /** 202, NOTIFY 100 Trying (active), NOTIFY 180 Ringing (terminated): gives up without a final answer. */
        ACCEPT_THEN_GIVE_UP,
        /** 202 and no NOTIFY at all. */
        ACCEPT_SILENTLY,
        /** 603 Decline. */
        DECLINE,
        /** 501 Not Implemented. */
        NOT_IMPLEMENTED
    }

    private final SipEndpoint sip;
    private final RtpPeer rtp;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private final Map<Request, SipTransport> arrivedOver = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile SipTransport transport = SipTransport.UDP;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile ReferBehaviour referBehaviour = ReferBehaviour.ACCEPT;
    private final List<Integer> notifyStatuses = new CopyOnWriteArrayList<>();
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile int challengeStatus;
    private volatile String[] credentials;
    private volatile ServerTransaction invite;
    private volatile Dialog dialog;
    private volatile String offer;
    private final List<String> offers = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Response> pending = new CompletableFuture<>();
    private volatile String sessionExpires;
    private volatile int reInviteStatus = Response.OK;
    private volatile boolean silent;

    private TestUserAgent(int port) throws Exception {
        this.rtp = RtpPeer.open();
        this.sip = SipEndpoint.start("127.0.0.1", port, 50, this);
    }

    static TestUserAgent start(int port) throws Exception {
        return new TestUserAgent(port);
    }

    TestUserAgent behave(Behaviour next) {
        this.behaviour = next;
        return this;
    }

    TestUserAgent onRefer(ReferBehaviour next) {
        this.referBehaviour = next;
        return this;
    }

    TestUserAgent answerAfter(Duration delay) {
        this.answerDelay = delay;
        return this;
    }

    /**
     * From now on its 200 OKs, to the INVITE and to re-INVITEs, set a session timer (RFC 4028): {@code Session-Expires}
     * with this value, e.g. {@code 4;refresher=uac}, and {@code Require: timer}.
     */
    TestUserAgent withSessionTimer(String value) {
        this.sessionExpires = value;
        return this;
    }

    /** While {@code true} it answers nothing at all, as a carrier that has gone; requests are still recorded. */
    TestUserAgent silent(boolean gone) {
        this.silent = gone;
        return this;
    }

    /** From now on re-INVITEs are answered with this status instead of 200, e.g. 481 (the UA forgot the call). */
    TestUserAgent answerReInvitesWith(int status) {
        this.reInviteStatus = status;
        return this;
    }

    /** Challenges the first INVITE with 401 or 407 and expects these credentials in the next. */
    TestUserAgent challenge(int status, String user, String password) {
        this.challengeStatus = status;
        this.credentials = new String[] {user, password};
        return this;
    }

    private volatile int registrationGrant = 3600;

    RtpPeer rtp() {
        return rtp;
    }

    /** The next request of the given method received, waiting up to the timeout. */
    Request await(String method, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Request r : all) {
            if (r.getMethod().equals(method) && received.remove(r)) {
                return r;
            }
        }
        while (System.nanoTime() < deadline) {
            Request r = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (r != null && r.getMethod().equals(method)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " within " + timeout + "; got " + methods());
    }

    /** The transport a request received really came over (not what its Via says). */
    SipTransport arrivedOver(Request request) {
        return arrivedOver.get(request);
    }

    /** Every request received so far, in order. */
    List<Request> requests() {
        return List.copyOf(all);
    }

    List<String> methods() {
        return all.stream().map(Request::getMethod).toList();
    }

    /** Waits until {@code count} NOTIFYs got their final responses; returns their status codes in order. */
    List<Integer> awaitNotifyResponses(int count, Duration timeout) {
        Awaitility.await(count + " NOTIFY responses").atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> notifyStatuses.size() >= count);
        return List.copyOf(notifyStatuses);
    }

    /** Where Switchboard wants the RTP of each leg it dialled here, in the order of its INVITEs. */
    List<RemoteAudio> switchboardMediaOfEachLeg() {
        return offers.stream().map(o -> Sdp.negotiate(o).orElseThrow()).toList();
    }

    /** Where Switchboard wants its RTP, from the last offer it sent. */
    RemoteAudio switchboardMedia() {
        return Sdp.negotiate(offer).orElseThrow();
    }

    /** Sends BYE and waits for its final response. */
    Response hangUp() throws Exception {
        return sendInDialog(dialog.createRequest(Request.BYE));
    }

    /** Sends a re-INVITE offering PCMU + telephone-event on the given RTP port; returns the 200's SDP after ACK. */
    String reInvite(int rtpPort) throws Exception {
        return reInvite(rtpPort, "sendrecv");
    }

    /** As {@link #reInvite(int)}, the offer saying {@code direction} (sendonly: this phone holds the call). */
    String reInvite(int rtpPort, String direction) throws Exception {
        Request request = dialog.createRequest(Request.INVITE);
        request.setContent(answerSdp(rtpPort).replace("a=sendrecv", "a=" + direction),
                sip.headers.createContentTypeHeader("application", "sdp"));
        request.addHeader(sip.contact(transport));
        Response ok = sendInDialog(request);
        long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
        dialog.sendAck(dialog.createAck(cseq));
        return new String(ok.getRawContent(), StandardCharsets.UTF_8);
    }

    private Response sendInDialog(Request request) throws Exception {
        pending = new CompletableFuture<>();
        ClientTransaction tx = sip.provider.getNewClientTransaction(request);
        dialog.sendRequest(tx);
        return pending.get(5, TimeUnit.SECONDS);
    }

    static String answerSdp(int rtpPort) {
        return "v=0\r\no=ua 1 1 IN IP4 127.0.0.1\r\ns=ua\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        arrivedOver.put(request, SipFixtures.arrivedOver(request));
        try {
            if (silent) {
                return;
            }
            switch (request.getMethod()) {
                case Request.INVITE -> onInvite(event);
                case Request.CANCEL -> {
                    sip.respond(event, Response.OK, null);
                    invite.sendResponse(withTag(sip.messages.createResponse(487, invite.getRequest())));
                }
                case Request.ACK -> { }
                case Request.REFER -> onRefer(event);
                case Request.REGISTER -> onRegister(event);
                default -> sip.respond(event, Response.OK, null);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            // told to waiting tests once handled: what they read next (the offer, the dialog) is there by then
            all.add(request);
            received.add(request);
        }
    }

    /** Grants REGISTERs this expiry (challenging them first, as INVITEs, when {@link #challenge} was asked). */
    TestUserAgent grantRegistration(int seconds) {
        this.registrationGrant = seconds;
        return this;
    }

    private void onRegister(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                : sip.provider.getNewServerTransaction(request);
        if (challengeStatus != 0 && !authorized(request)) {
            sendChallenge(tx, request);
            return;
        }
        Response ok = sip.messages.createResponse(Response.OK, request);
        int asked = ((javax.sip.header.ExpiresHeader) request.getHeader("Expires")).getExpires();
        ok.addHeader(sip.headers.createExpiresHeader(asked == 0 ? 0 : registrationGrant));
        tx.sendResponse(ok);
    }

    private void onInvite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                : sip.provider.getNewServerTransaction(request);
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            // a re-INVITE by Switchboard: answered as a phone does, with its Contact and an SDP answer
            if (reInviteStatus != Response.OK) {
                tx.sendResponse(withTag(sip.messages.createResponse(reInviteStatus, request)));
                return;
            }
            Response ok = withTag(sip.messages.createResponse(Response.OK, request));
            ok.addHeader(sip.contact(SipFixtures.arrivedOver(request)));
            if (request.getRawContent() != null && request.getRawContent().length > 0) {
                ok.setContent(answerSdp(rtp.port()), sip.headers.createContentTypeHeader("application", "sdp"));
            }
            withSessionTimer(ok);
            tx.sendResponse(ok);
            return;
        }
        invite = tx;
        transport = SipFixtures.arrivedOver(request);
        offer = new String(request.getRawContent(), StandardCharsets.UTF_8);
        offers.add(offer);
        if (challengeStatus != 0 && !authorized(request)) {
            sendChallenge(tx, request);
            return;
        }
        switch (behaviour) {
            case BUSY -> tx.sendResponse(withTag(sip.messages.createResponse(Response.BUSY_HERE, request)));
            case UNAVAILABLE -> tx.sendResponse(withTag(sip.messages.createResponse(Response.SERVICE_UNAVAILABLE,
                    request)));
            case RING_FOREVER -> tx.sendResponse(withTag(sip.messages.createResponse(Response.RINGING, request)));
            case ANSWER -> {
                tx.sendResponse(withTag(sip.messages.createResponse(Response.RINGING, request)));
                timers.schedule(() -> answer(tx), answerDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void onRefer(RequestEvent event) throws Exception {
        long referSeq = ((CSeqHeader) event.getRequest().getHeader(CSeqHeader.NAME)).getSeqNumber();
        switch (referBehaviour) {
            case DECLINE -> sip.respond(event, Response.DECLINE, null);
            case NOT_IMPLEMENTED -> {
                // JAIN-SIP's phrase is "Not implemented"; phones send RFC 3261's
                Response response = sip.messages.createResponse(Response.NOT_IMPLEMENTED, event.getRequest());
                response.setReasonPhrase("Not Implemented");
                (event.getServerTransaction() != null ? event.getServerTransaction()
                        : sip.provider.getNewServerTransaction(event.getRequest())).sendResponse(response);
            }
            case ACCEPT_SILENTLY -> sip.respond(event, Response.ACCEPTED, null);
            case ACCEPT -> accept(event, referSeq, "SIP/2.0 200 OK");
            case ACCEPT_TARGET_BUSY -> accept(event, referSeq, "SIP/2.0 486 Busy Here");
            case ACCEPT_THEN_GIVE_UP -> accept(event, referSeq, "SIP/2.0 180 Ringing");
        }
    }

    /** 202, then (off the stack's thread) NOTIFY 100 Trying and a last NOTIFY ending the subscription. */
    private void accept(RequestEvent event, long referSeq, String lastSipfrag) throws Exception {
        sip.respond(event, Response.ACCEPTED, null);
        timers.execute(() -> {
            try {
                notifyStatuses.add(sendInDialog(notifyRequest(referSeq, "active;expires=60", "SIP/2.0 100 Trying"))
                        .getStatusCode());
                notifyStatuses.add(sendInDialog(notifyRequest(referSeq, "terminated;reason=noresource", lastSipfrag))
                        .getStatusCode());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Request notifyRequest(long referSeq, String subscriptionState, String sipfrag) throws Exception {
        Request notify = dialog.createRequest(Request.NOTIFY);
        notify.addHeader(sip.headers.createHeader("Event", "refer;id=" + referSeq));
        notify.addHeader(sip.headers.createHeader("Subscription-State", subscriptionState));
        notify.addHeader(sip.contact(transport));
        notify.setContent(sipfrag + "\r\n", sip.headers.createContentTypeHeader("message", "sipfrag"));
        return notify;
    }

    private void sendChallenge(ServerTransaction tx, Request request) throws Exception {
        Response challenge = sip.messages.createResponse(challengeStatus, request);
        challenge.addHeader(sip.headers.createHeader(challengeStatus == 401 ? "WWW-Authenticate"
                : "Proxy-Authenticate", "Digest realm=\"trunk\", nonce=\"n0nce\", qop=\"auth\", opaque=\"op\""));
        tx.sendResponse(challenge);
    }

    private boolean authorized(Request request) {
        String name = challengeStatus == 401 ? AuthorizationHeader.NAME : "Proxy-Authorization";
        if (request.getHeader(name) == null) {
            return false;
        }
        String value = request.getHeader(name).toString();
        String header = " " + value.substring(value.indexOf(':') + 1).trim();
        String expected = Digest.response(credentials[0], param(header, "realm"), credentials[1], request.getMethod(),
                param(header, "uri"), param(header, "nonce"), true, param(header, "nc"), param(header, "cnonce"));
        return param(header, "username").equals(credentials[0]) && param(header, "response").equals(expected);
    }

    private static String param(String header, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[ ,]" + name + "=\"?([^\",]+)\"?").matcher(header);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + header);
        }
        return m.group(1);
    }

    private void answer(ServerTransaction tx) {
        try {
            Response ok = withTag(sip.messages.createResponse(Response.OK, tx.getRequest()));
            ok.addHeader(sip.contact(transport));
            ok.setContent(answerSdp(rtp.port()), sip.headers.createContentTypeHeader("application", "sdp"));
            withSessionTimer(ok);
            tx.sendResponse(ok);
            dialog = tx.getDialog();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void withSessionTimer(Response ok) throws Exception {
        if (sessionExpires != null) {
            ok.addHeader(sip.headers.createHeader("Session-Expires", sessionExpires));
            ok.addHeader(sip.headers.createRequireHeader("timer"));
        }
    }

    private Response withTag(Response response) throws Exception {
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("ua-tag");
        return response;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (event.getResponse().getStatusCode() >= 200) {
            pending.complete(event.getResponse());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        pending.completeExceptionally(new AssertionError("timeout"));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        timers.shutdownNow();
        sip.close();
        rtp.close();
    }
}
