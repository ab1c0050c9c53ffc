package io.switchboard.adapter.sip;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.UnsupportedHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JAIN-SIP user agent on 127.0.0.1 calling into the adapter: sends one INVITE with the From, Request-URI and SDP a
 * test chooses, ACKs the 200 (unless told not to), cancels, hangs up, re-INVITEs, answers the adapter's BYE, and
 * records every response and request it gets, and which transport each request came over. It calls over UDP unless
 * told {@link #over} TCP. Its RTP socket is {@link #rtp()}. One call at a time.
 */
final class TestCaller implements SipListener, AutoCloseable {

    private final SipEndpoint sip;
    private final RtpPeer rtp;
    private final List<Response> responses = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Request, SipTransport> arrivedOver = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile SipTransport transport = SipTransport.UDP;
    private volatile boolean acknowledging = true;
    private volatile List<String> required = List.of();
    private volatile String sessionExpires;
    private volatile boolean supportsTimers;
    private volatile ClientTransaction invite;
    private volatile Dialog dialog;

    private TestCaller(int port) throws Exception {
        this.rtp = RtpPeer.open();
        this.sip = SipEndpoint.start("127.0.0.1", port, 50, this);
    }

    static TestCaller start(int port) throws Exception {
        return new TestCaller(port);
    }

    int port() {
        return sip.port;
    }

    RtpPeer rtp() {
        return rtp;
    }

    /** From now on INVITEs go over the given transport: Request-URI, Via and Contact say so. */
    TestCaller over(SipTransport next) {
        transport = next;
        return this;
    }

    /** The transport a request of the adapter really came over (not what its Via says). */
    SipTransport arrivedOver(Request request) {
        return arrivedOver.get(request);
    }

    /** From now on INVITEs and re-INVITEs require these SIP extensions ({@code Require}), e.g. {@code timer}. */
    TestCaller requiring(String... optionTags) {
        required = List.of(optionTags);
        return this;
    }

    /**
     * From now on INVITEs and re-INVITEs ask for a session timer (RFC 4028): {@code Session-Expires} with this value,
     * e.g. {@code 4} or {@code 4;refresher=uas}, and {@code Supported: timer} unless {@code supported} is false (as
     * when a proxy put the header in); a re-INVITE from the adapter is answered with its {@code Session-Expires}.
     */
    TestCaller askingForSessionTimer(String value, boolean supported) {
        sessionExpires = value;
        supportsTimers = supported;
        return this;
    }

    /** The value of the message's header field of that name, e.g. {@code 4;refresher=uac}, or null without one. */
    static String header(Message message, String name) {
        Header header = message.getHeader(name);
        if (header == null) {
            return null;
        }
        String line = header.toString().trim();
        return line.substring(line.indexOf(':') + 1).trim();
    }

    /** From now on the 200 OK is not acknowledged until {@link #ack()}. */
    TestCaller withoutAck() {
        acknowledging = false;
        return this;
    }

    /**
     * Sends the INVITE.
     *
     * @param requestUri e.g. {@code sip:+14255550123@127.0.0.1:5060}: the adapter's address, which it is sent to;
     *                   the transport parameter is added unless UDP
     * @param from       a name-addr, e.g. {@code "Bob" <sip:+18005550100@127.0.0.1:5070>}
     * @param sdp        the offer, or null for none
     */
    void call(String requestUri, String from, String sdp) throws Exception {
        URI target = sip.addresses.createURI(requestUri + transport.uriParameter());
        Address fromAddress = sip.addresses.createAddress(from);
        Request request = sip.messages.createRequest(target, Request.INVITE, sip.provider.getNewCallId(),
                sip.headers.createCSeqHeader(1L, Request.INVITE),
                sip.headers.createFromHeader(fromAddress, "caller-tag"),
                sip.headers.createToHeader(sip.addresses.createAddress(target), null),
                List.of(sip.via(transport)),
                sip.headers.createMaxForwardsHeader(70));
        request.addHeader(sip.contact(transport));
        require(request);
        if (sdp != null) {
            request.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
        }
        invite = sip.send(request);
    }

    /** An offer of the given payload types on the given port, e.g. {@code "8 0 101"}, with their rtpmaps. */
    static String offer(int rtpPort, String payloadTypes) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=caller 7 1 IN IP4 127.0.0.1\r\ns=caller\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + rtpPort + " RTP/AVP " + payloadTypes + "\r\n");
        for (String pt : payloadTypes.split(" ")) {
            sdp.append(switch (pt) {
                case "0" -> "a=rtpmap:0 PCMU/8000\r\n";
                case "8" -> "a=rtpmap:8 PCMA/8000\r\n";
                case "9" -> "a=rtpmap:9 G722/8000\r\n";
                case "101" -> "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n";
                default -> "";
            });
        }
        return sdp.append("a=sendrecv\r\n").toString();
    }

    /** Acknowledges the 200 OK of the INVITE. */
    void ack() throws Exception {
        Response ok = awaitResponse(Request.INVITE, Response.OK, Duration.ofSeconds(5));
        ack(ok);
    }

    void cancel() throws Exception {
        sip.provider.getNewClientTransaction(invite.createCancel()).sendRequest();
    }

    /** Sends BYE in the dialog; returns its final response. */
    Response hangUp() throws Exception {
        sip.sendInDialog(dialog, dialog.createRequest(Request.BYE));
        return awaitResponse(Request.BYE, r -> r.getStatusCode() >= 200, Duration.ofSeconds(5));
    }

    /** Sends a re-INVITE offering PCMU + telephone-event on the given port; returns the 200's SDP, after its ACK. */
    String reInvite(int rtpPort) throws Exception {
        Response ok = reInviteAnswered(rtpPort);
        assertThat(ok.getStatusCode()).as("the re-INVITE's final response").isEqualTo(Response.OK);
        dialog.sendAck(dialog.createAck(cseq(ok)));
        return body(ok);
    }

    /** Sends a re-INVITE as {@link #reInvite}; returns its final response, whatever it is (not acknowledged). */
    Response reInviteAnswered(int rtpPort) throws Exception {
        Request request = dialog.createRequest(Request.INVITE);
        request.setContent(offer(rtpPort, "0 101"), sip.headers.createContentTypeHeader("application", "sdp"));
        request.addHeader(sip.contact(transport));
        require(request);
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        sip.sendInDialog(dialog, request);
        return awaitResponse(Request.INVITE, r -> r.getStatusCode() >= 200 && cseq(r) == cseq,
                Duration.ofSeconds(5));
    }

    /**
     * Sends an UPDATE (RFC 3311) in the dialog, offering PCMU + telephone-event on {@code rtpPort}, or nothing when it
     * is 0 (a session refresh); returns its final response.
     */
    Response update(int rtpPort) throws Exception {
        Request request = dialog.createRequest(Request.UPDATE);
        request.addHeader(sip.contact(transport));
        if (rtpPort != 0) {
            request.setContent(offer(rtpPort, "0 101"), sip.headers.createContentTypeHeader("application", "sdp"));
        }
        require(request);
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        sip.sendInDialog(dialog, request);
        return awaitResponse(Request.UPDATE, r -> r.getStatusCode() >= 200 && cseq(r) == cseq, Duration.ofSeconds(5));
    }

    /** Sends an INFO in the dialog with this body, e.g. {@code application/dtmf-relay}; returns its final response. */
    Response info(String contentType, String body) throws Exception {
        Request request = dialog.createRequest(Request.INFO);
        String[] type = contentType.split("/");
        request.setContent(body, sip.headers.createContentTypeHeader(type[0], type[1]));
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        sip.sendInDialog(dialog, request);
        return awaitResponse(Request.INFO, r -> r.getStatusCode() >= 200 && cseq(r) == cseq, Duration.ofSeconds(5));
    }

    private void require(Request request) throws Exception {
        for (String tag : required) {
            request.addHeader(sip.headers.createRequireHeader(tag));
        }
        if (sessionExpires != null) {
            request.addHeader(sip.headers.createHeader("Session-Expires", sessionExpires));
            if (supportsTimers) {
                request.addHeader(sip.headers.createSupportedHeader("timer"));
            }
        }
    }

    /** The option tags of the response's {@code Unsupported} header fields, in order. */
    static List<String> unsupported(Response response) {
        List<String> tags = new ArrayList<>();
        for (ListIterator<?> each = response.getHeaders(UnsupportedHeader.NAME); each != null && each.hasNext(); ) {
            tags.add(((UnsupportedHeader) each.next()).getOptionTag());
        }
        return tags;
    }

    Response awaitResponse(String method, int status, Duration timeout) throws InterruptedException {
        return awaitResponse(method, r -> r.getStatusCode() == status, timeout);
    }

    /** The first final response to the INVITE. */
    Response awaitFinal(Duration timeout) throws InterruptedException {
        return awaitResponse(Request.INVITE, r -> r.getStatusCode() >= 200, timeout);
    }

    Response awaitResponse(String method, Predicate<Response> which, Duration timeout) {
        return Awaitility.await("a response to " + method).atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> responses.stream().filter(r -> method(r).equals(method)).filter(which).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    /** The first request of the given method the adapter sent, waiting up to the timeout. */
    Request awaitRequest(String method, Duration timeout) {
        return Awaitility.await("a " + method + " from the adapter").atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> requests.stream().filter(r -> r.getMethod().equals(method)).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    /** Status and method of every response so far, e.g. {@code 180 INVITE}. */
    List<String> statuses() {
        return responses.stream().map(r -> r.getStatusCode() + " " + method(r)).toList();
    }

    List<String> requestMethods() {
        return requests.stream().map(Request::getMethod).toList();
    }

    static String body(Response response) {
        return new String(response.getRawContent(), StandardCharsets.UTF_8);
    }

    private static String method(Response response) {
        return ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
    }

    private static long cseq(Response response) {
        return ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    private void ack(Response ok) throws Exception {
        dialog.sendAck(dialog.createAck(cseq(ok)));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        boolean first = responses.stream().noneMatch(r -> r.getStatusCode() == response.getStatusCode()
                && method(r).equals(method(response)) && cseq(r) == cseq(response));
        responses.add(response);
        if (first && response.getStatusCode() == Response.OK && method(response).equals(Request.INVITE)
                && cseq(response) == 1) {
            dialog = event.getDialog();
            if (acknowledging) {
                try {
                    ack(response);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        arrivedOver.put(event.getRequest(), SipFixtures.arrivedOver(event.getRequest()));
        requests.add(event.getRequest());
        try {
            Request request = event.getRequest();
            if (!request.getMethod().equals(Request.ACK)) {
                Response ok = sip.response(request, Response.OK, null);
                if (request.getMethod().equals(Request.INVITE) && request.getHeader("Session-Expires") != null) {
                    // a session refresh: the timer goes on as the refresher asks (RFC 4028 §9)
                    ok.addHeader(sip.headers.createHeader("Session-Expires", header(request, "Session-Expires")));
                }
                sip.respond(event, ok);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
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
        sip.close();
        rtp.close();
    }
}
