package io.switchboard.adapter.sip;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One JAIN-SIP stack listening on UDP and TCP {@code host:port} through one provider, with its factories and the
 * sending helpers the legs need. A request goes over the transport its Request-URI names ({@code ;transport=tcp}),
 * else UDP (JAIN-SIP's router, RFC 3263 §4.1 without DNS); responses go back the way the request came.
 *
 * <p>The stack delivers every event on its own thread to the listener given at start. Sending methods may be
 * called from any thread; they do not block beyond a UDP send or a TCP connect and write.
 */
final class SipEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SipEndpoint.class.getName());

    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final int STOP_ATTEMPTS = 3;
    /** The methods a dialog may carry to us: transfers' NOTIFYs and key presses' INFOs too; not PRACK. */
    private static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.NOTIFY, Request.INFO, Request.UPDATE);

    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final SipProvider provider;
    /** The address in our SIP headers: the listening address, or the public one behind NAT. */
    final String host;
    /** The address in our SDP. */
    final String mediaHost;
    final int port;
    private final SipStack stack;
    private final int t1Millis;
    private final ThreadPoolExecutor connector;

    private SipEndpoint(SipStack stack, SipProvider provider, SipFactory factory, String host, String mediaHost,
                        int port, int t1Millis) throws SipException {
        this.stack = stack;
        this.provider = provider;
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.host = host;
        this.mediaHost = mediaHost;
        this.port = port;
        this.t1Millis = t1Millis;
        AtomicInteger threads = new AtomicInteger();
        this.connector = new ThreadPoolExecutor(0, CONNECTING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "switchboard-sip-connect-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a stack on UDP and TCP {@code host:port}.
     *
     * @throws IllegalStateException naming the transport and address when it cannot listen on either (e.g. the port
     *                               is in use)
     */
    static SipEndpoint start(String host, int port, int t1Millis, SipListener listener) {
        return start(host, port, t1Millis, TcpLimits.defaults(), Advertised.NONE, listener);
    }

    /**
     * As {@link #start(String, int, int, SipListener)}, holding SIP over TCP to {@code tcp}, and writing the
     * {@code advertised} addresses into Via (the listening points' sent-by, so the stack's own requests carry it too),
     * Contact and SDP.
     */
    static SipEndpoint start(String host, int port, int t1Millis, TcpLimits tcp, Advertised advertised,
                             SipListener listener) {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack;
        try {
            stack = factory.createSipStack(properties(host, port, tcp));
        } catch (Exception e) {
            throw new IllegalStateException("SIP: cannot create a stack for " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        SipTransport transport = SipTransport.UDP;
        try {
            String sentBy = advertised.sipAddress(host) + ":" + port;
            ListeningPoint udp = stack.createListeningPoint(host, port, transport.token());
            udp.setSentBy(sentBy);
            SipProvider provider = stack.createSipProvider(udp);
            transport = SipTransport.TCP;
            ListeningPoint tcpPoint = stack.createListeningPoint(host, port, transport.token());
            tcpPoint.setSentBy(sentBy);
            provider.addListeningPoint(tcpPoint);
            provider.addSipListener(listener);
            SipEndpoint endpoint = new SipEndpoint(stack, provider, factory, advertised.sipAddress(host),
                    advertised.mediaAddress(host), port, t1Millis);
            endpoint.checkUdpBuffer();
            return endpoint;
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("SIP: cannot listen on " + transport.token()
                    + " " + host + ":" + port + " (expected: a free local address and port, on UDP and TCP; check "
                    + SipConfig.HOST + " and " + SipConfig.PORT + "): " + e.getMessage(), e);
            try {
                stop(stack); // releases the UDP port when TCP failed
            } catch (RuntimeException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
    }

    /** How long a TCP connection attempt may take before the peer counts as unreachable. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** TCP connections being opened at once, each on a thread of its own (never the signalling thread). */
    static final int CONNECTING = 16;

    /** The largest SIP message taken over TCP: far more than any INVITE with its SDP. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /**
     * The buffers asked for the UDP listening point. JAIN-SIP's default, 64 KiB (the kernel doubles it), holds about
     * 55 small datagrams (the kernel counts some 2 KiB for each): a pause of its reader (a GC pause, a burst of
     * set-ups) longer than that drops what arrives meanwhile, and the peers retransmit 500 ms and more later. The
     * kernel caps the ask at {@code net.core.rmem_max} / {@code wmem_max} (about 208 KiB by default).
     */
    static final int UDP_BUFFER_BYTES = 4 * 1024 * 1024;

    private static Properties properties(String host, int port, TcpLimits tcp) {
        Properties p = SipNetworkLayer.properties();
        p.putAll(TcpConnections.properties(tcp));
        p.setProperty("javax.sip.STACK_NAME", "switchboard-" + host + "-" + port + "-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        // JAIN-SIP logs through log4j: keep it silent and write no trace files (no DEBUG_LOG / SERVER_LOG).
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // A bounded pool instead of a thread per message; the listener still sees one event at a time.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        // SIP over TCP on one selector thread (TcpConnections): a message size limit checked against Content-Length
        // before the body arrives (a connection declaring more is closed), a share of connections per remote address,
        // a cap on them in all, and an idle timeout.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("gov.nist.javax.sip.CONNECTION_TIMEOUT", Integer.toString(CONNECT_TIMEOUT_MILLIS));
        // ... while UDP hands JAIN-SIP each datagram at its own length (SipNetworkLayer, MessageProcessors)
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", MessageProcessors.class.getName());
        return p;
    }

    /** Says so once at start when the kernel granted the UDP listening point less than asked. */
    private void checkUdpBuffer() throws SocketException {
        int granted = network().udpReceiveBufferBytes();
        if (granted < UDP_BUFFER_BYTES) {
            LOG.log(System.Logger.Level.INFO, "SIP on udp port " + port + ": receive buffer " + granted / 1024
                    + " KiB (asked " + UDP_BUFFER_BYTES / 1024 + " KiB; the kernel's net.core.rmem_max caps it: raise "
                    + "it for bursts of calls)");
        }
    }

    /** The stack's processor for {@code transport} ({@code udp}, {@code tcp}). */
    MessageProcessor processor(String transport) {
        return ((ListeningPointImpl) provider.getListeningPoint(transport)).getMessageProcessor();
    }

    /** The stack's sockets, with the UDP listening point's. */
    SipNetworkLayer network() {
        return (SipNetworkLayer) ((SipStackImpl) stack).getNetworkLayer();
    }

    /** The stack's SIP over TCP connections, with their counts. */
    TcpConnections tcp() {
        return (TcpConnections) processor(SipTransport.TCP.token());
    }

    /**
     * Whether a request to {@code target} can be sent now without opening a connection: over UDP always, over TCP
     * when a connection to it is open.
     */
    boolean canSendNow(SipUri target) {
        return target.transport() == SipTransport.UDP || tcp().isOpenTo(target.host(), target.port());
    }

    /**
     * Opens a TCP connection to {@code target} off the calling thread (a peer that drops the connection attempt
     * takes {@value #CONNECT_TIMEOUT_MILLIS} ms to give up on); completes when it is open, or exceptionally with an
     * {@link IOException} naming the address. At most {@value #CONNECTING} at once: beyond, it fails at once.
     */
    CompletableFuture<Void> connect(SipUri target) {
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    tcp().open(target.host(), target.port());
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, connector);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IOException("too many TCP connections being opened at once ("
                    + CONNECTING + ")"));
        }
    }

    /** Sends a request outside any dialog in a new client transaction with this endpoint's T1. */
    ClientTransaction send(Request request) throws SipException {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        tx.setRetransmitTimer(t1Millis);
        tx.sendRequest();
        return tx;
    }

    /** Sends a mid-dialog request (BYE, re-INVITE) created by {@code dialog.createRequest}. */
    ClientTransaction sendInDialog(Dialog dialog, Request request) throws SipException {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        tx.setRetransmitTimer(t1Millis);
        dialog.sendRequest(tx);
        return tx;
    }

    /** Answers a request, with an SDP body when {@code sdp} is not null. */
    void respond(RequestEvent event, int status, String sdp) throws Exception {
        respond(event, response(event.getRequest(), status, sdp));
    }

    /** Sends {@code response} to the request of {@code event}, as {@link #respond(RequestEvent, int, String)}. */
    void respond(RequestEvent event, Response response) throws Exception {
        Request request = event.getRequest();
        ServerTransaction tx = event.getServerTransaction();
        if (tx == null && !request.getMethod().equals(Request.ACK)) {
            // An in-dialog request may come without a server transaction (e.g. a BYE): make one.
            tx = provider.getNewServerTransaction(request);
        }
        tx.sendResponse(response);
    }

    /**
     * The server transaction of a dialog-creating request, with this endpoint's T1 (which also paces the 2xx
     * retransmissions and so the ACK timeout of 64 × T1).
     *
     * @throws javax.sip.TransactionAlreadyExistsException for a retransmission whose transaction exists already
     */
    ServerTransaction serverTransaction(RequestEvent event) throws SipException {
        ServerTransaction tx = event.getServerTransaction();
        if (tx == null) {
            tx = provider.getNewServerTransaction(event.getRequest());
        }
        tx.setRetransmitTimer(t1Millis);
        return tx;
    }

    /**
     * Answers a dialog-creating INVITE as the dialog with the given To tag, with an SDP body when {@code sdp} is not
     * null; a 1xx or 2xx carries our Contact (RFC 3261 §12.1.1), a 3xx the {@code redirectTo} address (§21.3).
     */
    void respond(ServerTransaction tx, int status, String toTag, String sdp, String redirectTo) throws Exception {
        Response response = response(tx.getRequest(), status, sdp);
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
        if (status > 100 && status < 200) {
            response.addHeader(contact(transportOf(tx.getRequest())));
        }
        if (redirectTo != null) {
            response.addHeader(headers.createContactHeader(addresses.createAddress("<" + redirectTo + ">")));
        }
        tx.sendResponse(response);
    }

    /** 503 Service Unavailable with {@code Retry-After: seconds}: refused for load, try again later. */
    void respondRetryLater(ServerTransaction tx, String toTag, int seconds) throws Exception {
        Response response = response(tx.getRequest(), Response.SERVICE_UNAVAILABLE, null);
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
        response.addHeader(headers.createRetryAfterHeader(seconds));
        tx.sendResponse(response);
    }

    /** Sends a response made with {@link #response} on its server transaction. */
    void respond(ServerTransaction tx, Response response) throws Exception {
        tx.sendResponse(response);
    }

    /**
     * A response to {@code request}, with an SDP body when {@code sdp} is not null; a 2xx to an INVITE or UPDATE
     * carries our Contact and says what we allow and support (RFC 3261 §13.3.1.4, RFC 3311 §5.2).
     */
    Response response(Request request, int status, String sdp) throws Exception {
        Response response = messages.createResponse(status, request);
        if (status >= 200 && status < 300 && (request.getMethod().equals(Request.INVITE)
                || request.getMethod().equals(Request.UPDATE))) {
            response.addHeader(contact(transportOf(request)));
            capabilities(response);
        }
        if (sdp != null) {
            response.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        return response;
    }

    /**
     * The option tags of {@code request}'s {@code Require} header fields this endpoint does not offer, in order: the
     * SIP extensions it requires in vain. Session timers ({@value SessionTimers#TAG}) are offered; reliable provisional
     * responses ({@code 100rel}) and the rest are not, so a request that requires them is refused with
     * {@link #badExtension} (RFC 3261 §8.2.2.3), never served as if it had not asked.
     */
    static List<String> unsupportedExtensions(Request request) {
        return optionTags(request, RequireHeader.NAME).stream().filter(tag -> !tag.equalsIgnoreCase(SessionTimers.TAG))
                .toList();
    }

    /** The option tags of a message's {@code Require} or {@code Supported} header fields, in order. */
    static List<String> optionTags(Message message, String name) {
        List<String> tags = new ArrayList<>();
        for (ListIterator<?> each = message.getHeaders(name); each != null && each.hasNext(); ) {
            Object header = each.next();
            String listed = header instanceof RequireHeader r ? r.getOptionTag()
                    : header instanceof SupportedHeader s ? s.getOptionTag() : "";
            for (String tag : listed.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return tags;
    }

    /** 420 Bad Extension to {@code request}, its {@code Unsupported} header field naming each of {@code tags}. */
    Response badExtension(Request request, List<String> tags) throws Exception {
        Response response = response(request, Response.BAD_EXTENSION, null);
        for (String tag : tags) {
            response.addHeader(headers.createUnsupportedHeader(tag));
        }
        return response;
    }

    /**
     * Says in an INVITE of ours or our 2xx to one which methods the dialog may carry to us ({@code Allow}) and which
     * extensions we support ({@code Supported}: session timers).
     */
    void capabilities(Message message) throws Exception {
        for (String method : ALLOWED) {
            message.addHeader(headers.createAllowHeader(method));
        }
        message.addHeader(headers.createSupportedHeader(SessionTimers.TAG));
    }

    /** The trunk's own address, {@code sip:host:port}, with its transport unless UDP: where REGISTER and OPTIONS go. */
    SipURI trunkUri(SipTrunk trunk) throws Exception {
        SipURI uri = addresses.createSipURI(null, trunk.host());
        uri.setPort(trunk.port());
        if (trunk.transport() != SipTransport.UDP) {
            uri.setTransportParam(trunk.transport().token());
        }
        return uri;
    }

    /** Our Contact for a dialog over the transport, e.g. {@code <sip:switchboard@10.0.0.1:5060;transport=tcp>}. */
    ContactHeader contact(SipTransport transport) throws Exception {
        return headers.createContactHeader(addresses.createAddress("<" + uri() + transport.uriParameter() + ">"));
    }

    /** The transport a request came over, or is to go over: its topmost Via's. */
    static SipTransport transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? SipTransport.UDP : SipTransport.ofVia(via.getTransport());
    }

    /** A Via header for a request of ours over the given transport, asking for rport; the stack adds the branch. */
    ViaHeader via(SipTransport transport) throws Exception {
        ViaHeader via = headers.createViaHeader(host, port, transport.token(), null);
        via.setRPort();
        return via;
    }

    /** The audio a message's SDP offers or answers that we can take (PCMU/PCMA), if it has a body that says so. */
    static Optional<RemoteAudio> remoteAudio(Message message) {
        byte[] body = message.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The stack's dialogs now, early and confirmed (a copy): for diagnostics and tests. */
    Collection<Dialog> dialogs() {
        return ((SipStackImpl) stack).getDialogs();
    }

    /** This endpoint's own SIP URI, e.g. {@code sip:switchboard@127.0.0.1:5060}: its Contact and Referred-By. */
    String uri() {
        return "sip:switchboard@" + host + ":" + port;
    }

    /** Stops the stack and its threads; idempotent. */
    @Override
    public void close() {
        connector.shutdownNow();
        stop(stack);
    }

    /**
     * A stop may throw half way: JAIN-SIP's UDP processor closes its channels by iterating a list its channel threads
     * leave concurrently (RestComm/jain-sip#142), and a TCP processor that never bound its port throws on stop.
     * Stopping again finishes it, since the processor that threw is already off the stack's list.
     */
    private static void stop(SipStack stack) {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (ConcurrentModificationException | NullPointerException e) {
                if (attempt == STOP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
