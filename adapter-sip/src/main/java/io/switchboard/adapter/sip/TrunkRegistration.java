package io.switchboard.adapter.sip;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Keeps the server registered with a trunk that wants it (RFC 3261 §10): a REGISTER of {@code sip:user@trunk} with
 * our Contact, answering the trunk's digest challenge with its credentials, refreshed before the expiry the trunk
 * grants, retried 30 s after a failure (or its {@code Retry-After}), and removed ({@code Expires: 0}) at stop. One log
 * line per change of state. Confined to the signalling thread, except {@link #state()}.
 */
final class TrunkRegistration {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());
    static final Duration RETRY = Duration.ofSeconds(30);

    private final SipEndpoint sip;
    private final SipTrunk trunk;
    private final SignallingThread thread;
    private final Invites invites;
    private final Clock clock;
    private final String callId;
    private long cseq;
    private ClientTransaction pending;
    private boolean challenged;
    private ScheduledFuture<?> next;
    private volatile String state = "registering";
    /** The state without its times, so that a refresh is not logged as a change. */
    private String kind = "registering";
    private boolean registered;

    TrunkRegistration(SipEndpoint sip, SipTrunk trunk, SignallingThread thread, Clock clock) {
        this.sip = sip;
        this.trunk = trunk;
        this.thread = thread;
        this.invites = new Invites(sip);
        this.clock = clock;
        this.callId = sip.provider.getNewCallId().getCallId();
    }

    /** Where it stands, for operators: {@code registering}, {@code registered until ...}, {@code failed: ...}. */
    String state() {
        return state;
    }

    /** Sends the first REGISTER. */
    void start() throws Exception {
        send(trunk.register());
    }

    /** Whether the response is to one of our REGISTERs; handles it if so. */
    boolean onResponse(ResponseEvent event) throws Exception {
        if (pending == null || event.getClientTransaction() != pending) {
            return false;
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        pending = null;
        if (status < 300) {
            challenged = false;
            Duration granted = granted(response);
            if (granted.isZero()) {
                return true; // our removal at stop
            }
            registered = true;
            change("registered", "registered until " + clock.instant().plus(granted));
            long refresh = Math.max(1_000, granted.toMillis() * 85 / 100);
            next = thread.schedule("refresh the trunk registration", Duration.ofMillis(refresh), () -> send(trunk.register()));
        } else if ((status == 401 || status == 407) && !challenged && trunk.hasCredentials()) {
            challenged = true;
            pending = sip.send(invites.authorized(event.getClientTransaction().getRequest(), response, trunk));
            cseq++;
        } else {
            failed("SIP " + status + " " + response.getReasonPhrase(), retryAfter(response));
        }
        return true;
    }

    /** Whether the transaction that timed out is ours; handles it if so. */
    boolean onTimeout(ClientTransaction tx) {
        if (pending == null || tx != pending) {
            return false;
        }
        pending = null;
        failed("no answer from " + trunk.host() + ":" + trunk.port(), RETRY);
        return true;
    }

    /** Removes the registration (best effort, not waited for) and stops refreshing. */
    void stop() {
        if (next != null) {
            next.cancel(false);
        }
        if (registered) {
            try {
                send(Duration.ZERO);
                registered = false;
                change("removed", "removed at stop");
            } catch (Exception e) {
                LOG.log(Level.WARNING, "SIP trunk registration: the removal could not be sent: " + e.getMessage());
            }
        }
    }

    private void send(Duration expires) throws Exception {
        challenged = false;
        pending = sip.send(register(expires));
    }

    private Request register(Duration expires) throws Exception {
        SipTransport transport = trunk.transport();
        SipURI requestUri = sip.trunkUri(trunk);
        String user = trunk.username().orElse("switchboard");
        Address aor = sip.addresses.createAddress(sip.addresses.createSipURI(user, trunk.host()));
        Request register = sip.messages.createRequest(requestUri, Request.REGISTER,
                sip.headers.createCallIdHeader(callId), sip.headers.createCSeqHeader(++cseq, Request.REGISTER),
                sip.headers.createFromHeader(aor, "reg" + Long.toHexString(callId.hashCode() & 0xffffffffL)),
                sip.headers.createToHeader((Address) aor.clone(), null),
                List.of(sip.via(transport)), sip.headers.createMaxForwardsHeader(70));
        SipURI contact = sip.addresses.createSipURI(user, sip.host);
        contact.setPort(sip.port);
        if (transport != SipTransport.UDP) {
            contact.setTransportParam(transport.token());
        }
        register.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress(contact)));
        register.addHeader(sip.headers.createExpiresHeader((int) expires.toSeconds()));
        return register;
    }

    /** The expiry the trunk granted: our Contact's {@code expires}, else the Expires header, else what we asked. */
    private Duration granted(Response response) {
        ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
        if (contact != null && contact.getExpires() >= 0) {
            return Duration.ofSeconds(contact.getExpires());
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return expires != null ? Duration.ofSeconds(expires.getExpires()) : trunk.register();
    }

    private static Duration retryAfter(Response response) {
        javax.sip.header.RetryAfterHeader header = (javax.sip.header.RetryAfterHeader)
                response.getHeader(javax.sip.header.RetryAfterHeader.NAME);
        return header != null && header.getRetryAfter() > 0 ? Duration.ofSeconds(header.getRetryAfter()) : RETRY;
    }

    private void failed(String why, Duration retry) {
        registered = false;
        change("failed: " + why, "failed: " + why + "; trying again in " + retry.toSeconds() + " s");
        next = thread.schedule("retry the trunk registration", retry, () -> send(trunk.register()));
    }

    private void change(String nextKind, String shown) {
        state = shown;
        if (!nextKind.equals(kind)) {
            kind = nextKind;
            LOG.log(Level.INFO, "SIP trunk " + trunk + " registration: " + shown);
        }
    }
}
