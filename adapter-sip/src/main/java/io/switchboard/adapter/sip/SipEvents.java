package io.switchboard.adapter.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;

import java.lang.System.Logger.Level;
import java.util.List;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.Timeout;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

/**
 * Receives JAIN-SIP's events on the stack's thread and hops each onto the signalling thread at once: the stack's
 * thread never blocks and never touches leg state.
 *
 * <p>It is a {@link SipListenerExt} to hear of a 200 OK of ours never acknowledged; the stack then leaves every
 * dialog timeout to it, so it deletes the dialogs of the other timeouts itself, as the stack would.
 */
final class SipEvents implements SipListenerExt {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final SignallingThread thread;
    private volatile OutboundLegs outbound;
    private volatile List<TrunkRegistration> registrations = List.of();
    private volatile List<TrunkProbe> probes = List.of();
    private volatile DialogRequests requests;
    private volatile InboundCalls inbound;
    private volatile Transfers transfers;

    SipEvents(SignallingThread thread) {
        this.thread = thread;
    }

    /** Connects the handlers, which need the started stack; events arriving before are dropped. */
    void bind(OutboundLegs outbound, DialogRequests requests, InboundCalls inbound, Transfers transfers,
              List<TrunkRegistration> registrations, List<TrunkProbe> probes) {
        this.registrations = registrations;
        this.probes = probes;
        this.outbound = outbound;
        this.requests = requests;
        this.inbound = inbound;
        this.transfers = transfers;
    }

    @Override
    public void processRequest(RequestEvent event) {
        thread.executeFirst("SIP " + event.getRequest().getMethod(), () -> {
            if (requests != null) {
                requests.onRequest(event);
            }
        });
    }

    @Override
    public void processResponse(ResponseEvent event) {
        String method = ((CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME)).getMethod();
        boolean refer = method.equals(Request.REFER);
        boolean register = method.equals(Request.REGISTER);
        boolean options = method.equals(Request.OPTIONS);
        thread.executeFirst("SIP response " + event.getResponse().getStatusCode(), () -> {
            if (options) {
                for (TrunkProbe probe : probes) {
                    probe.onResponse(event);
                }
            } else if (register) {
                for (TrunkRegistration ours : registrations) {
                    ours.onResponse(event);
                }
            } else if (transfers != null && refer) {
                transfers.onResponse(event);
            } else if (outbound != null) {
                outbound.onResponse(event);
            }
        });
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getTimeout() != Timeout.TRANSACTION) {
            return;
        }
        if (!event.isServerTransaction()) {
            boolean refer = event.getClientTransaction().getRequest().getMethod().equals(Request.REFER);
            thread.executeFirst("SIP transaction timeout", () -> {
                if (registrations.stream().anyMatch(ours -> ours.onTimeout(event.getClientTransaction()))
                        || probes.stream().anyMatch(probe -> probe.onTimeout(event.getClientTransaction()))) {
                    return;
                }
                if (transfers != null && refer) {
                    transfers.onTimeout(event.getClientTransaction());
                } else if (outbound != null) {
                    outbound.onTimeout(event.getClientTransaction());
                }
            });
        } else if (event.getServerTransaction().getRequest().getMethod().equals(Request.INVITE)) {
            Request invite = event.getServerTransaction().getRequest();
            ackTimedOut(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId());
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived) {
            ackTimedOut(event.getDialog().getCallId().getCallId());
        } else {
            event.getDialog().delete();
        }
    }

    /** Our 200 OK to an INVITE was never acknowledged. */
    private void ackTimedOut(String callId) {
        thread.executeFirst("SIP ACK timeout", () -> {
            if (inbound != null) {
                inbound.ackTimedOut(callId);
            }
        });
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(Level.DEBUG, "SIP: I/O error towards {0}:{1}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Legs end on final responses and timeouts; nothing to do when the stack forgets a transaction.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Likewise for dialogs.
    }
}
