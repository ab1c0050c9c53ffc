package io.switchboard.adapter.sip;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.Timeout;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import java.lang.System.Logger.Level;

/**
 * Receives JAIN-SIP's events on the stack's thread and hops each onto the signalling thread at once: the stack's
 * thread never blocks and never touches leg state.
 */
final class SipEvents implements SipListener {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final SignallingThread thread;
    private volatile OutboundLegs outbound;
    private volatile DialogRequests requests;

    SipEvents(SignallingThread thread) {
        this.thread = thread;
    }

    /** Connects the handlers, which need the started stack; events arriving before are dropped. */
    void bind(OutboundLegs outbound, DialogRequests requests) {
        this.outbound = outbound;
        this.requests = requests;
    }

    @Override
    public void processRequest(RequestEvent event) {
        thread.execute("SIP " + event.getRequest().getMethod(), () -> {
            if (requests != null) {
                requests.onRequest(event);
            }
        });
    }

    @Override
    public void processResponse(ResponseEvent event) {
        thread.execute("SIP response " + event.getResponse().getStatusCode(), () -> {
            if (outbound != null) {
                outbound.onResponse(event);
            }
        });
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getTimeout() == Timeout.TRANSACTION) {
            thread.execute("SIP transaction timeout", () -> {
                if (outbound != null) {
                    outbound.onTimeout(event.getClientTransaction());
                }
            });
        }
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
