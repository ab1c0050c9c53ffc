package io.switchboard.adapter.sip;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.message.Request;

/**
 * Asks a trunk whether it is there (OPTIONS, RFC 3261 §11) every {@link SipTrunk#options()}: any final response, even
 * a refusal, says it is up; none within Timer F (64 × T1) says it is down. New legs go to trunks that are up before
 * those that are down ({@link #upFirst}), so that a carrier that has gone costs a call no INVITE timeout while another
 * can carry it. One log line per change. Confined to the signalling thread, except {@link #up()}.
 */
final class TrunkProbe {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final SipEndpoint sip;
    private final SipTrunk trunk;
    private final SignallingThread thread;
    private final String callId;
    private long cseq;
    private ClientTransaction pending;
    private ScheduledFuture<?> next;
    /** Null until the first answer or timeout: a trunk not yet asked counts as up. */
    private volatile Boolean up;

    TrunkProbe(SipEndpoint sip, SipTrunk trunk, SignallingThread thread) {
        this.sip = sip;
        this.trunk = trunk;
        this.thread = thread;
        this.callId = sip.provider.getNewCallId().getCallId();
    }

    /** Whether the trunk answered its last OPTIONS; true until the first is answered or times out. Any thread. */
    boolean up() {
        return up == null || up;
    }

    /** Sends the first OPTIONS. */
    void start() {
        send();
    }

    /** Whether the response is to our OPTIONS; handles it if so. */
    boolean onResponse(ResponseEvent event) {
        if (pending == null || event.getClientTransaction() != pending) {
            return false;
        }
        int status = event.getResponse().getStatusCode();
        if (status >= 200) {
            pending = null;
            change(true, "up (OPTIONS answered " + status + ")");
            scheduleNext();
        }
        return true;
    }

    /** Whether the transaction that timed out is ours; handles it if so. */
    boolean onTimeout(ClientTransaction tx) {
        if (pending == null || tx != pending) {
            return false;
        }
        pending = null;
        change(false, "down (no answer to OPTIONS): new calls try the trunks that answer first");
        scheduleNext();
        return true;
    }

    void stop() {
        if (next != null) {
            next.cancel(false);
        }
    }

    /** {@code trunks} in their order, those whose probes say they are down after the others. */
    static List<SipTrunk> upFirst(List<SipTrunk> trunks, Map<String, TrunkProbe> probes) {
        return trunks.stream().sorted((a, b) -> Boolean.compare(!upOf(a, probes), !upOf(b, probes))).toList();
    }

    private static boolean upOf(SipTrunk trunk, Map<String, TrunkProbe> probes) {
        TrunkProbe probe = probes.get(trunk.name());
        return probe == null || probe.up();
    }

    private void scheduleNext() {
        next = thread.schedule("ask trunk " + trunk.name() + " with OPTIONS", trunk.options(), this::send);
    }

    private void send() {
        try {
            pending = sip.send(options());
        } catch (Exception e) {
            change(false, "down (OPTIONS not sent: " + e.getMessage() + ")");
            scheduleNext();
        }
    }

    private Request options() throws Exception {
        SipTransport transport = trunk.transport();
        SipURI requestUri = sip.trunkUri(trunk);
        Address from = sip.addresses.createAddress(sip.uri());
        Request options = sip.messages.createRequest(requestUri, Request.OPTIONS,
                sip.headers.createCallIdHeader(callId), sip.headers.createCSeqHeader(++cseq, Request.OPTIONS),
                sip.headers.createFromHeader(from, "probe" + Long.toHexString(callId.hashCode() & 0xffffffffL)),
                sip.headers.createToHeader(sip.addresses.createAddress(requestUri), null),
                List.of(sip.via(transport)), sip.headers.createMaxForwardsHeader(70));
        options.addHeader(sip.contact(transport));
        return options;
    }

    private void change(boolean nowUp, String what) {
        Boolean was = up;
        up = nowUp;
        if (was == null || was != nowUp) {
            LOG.log(nowUp ? Level.INFO : Level.WARNING, "SIP trunk " + trunk.name() + " (" + trunk + "): " + what);
        }
    }
}
