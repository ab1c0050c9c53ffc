package io.switchboard.adapter.sip;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;

/**
 * One blind transfer of a leg (RFC 3515): the stage the core waits on, the REFER sent and how far the transferee
 * got. It ends once, completed or failed; either way the leg forgets it.
 *
 * <p>Mutable and confined to the adapter's signalling thread.
 */
final class Transfer {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    /** The target's SIP address, sent as Refer-To. */
    final SipUri target;
    private final CompletableFuture<Void> stage;
    /** The REFER's transaction: responses to an earlier REFER of the same leg are not this transfer's. */
    ClientTransaction refer;
    /** The REFER's CSeq, which NOTIFYs of its subscription may carry as the Event id (RFC 3515 §2.4.6). */
    long referSeq;
    /** The phone accepted the REFER (202): its NOTIFYs are due. */
    boolean accepted;
    /** Fails the transfer when no final NOTIFY came within 64 × T1 of the 202. */
    ScheduledFuture<?> finalNotifyTimer;

    Transfer(SipUri target, CompletableFuture<Void> stage) {
        this.target = target;
        this.stage = stage;
    }

    /** The target answered the transferee: the stage completes and the leg forgets the transfer. */
    void completed(Leg leg) {
        end(leg);
        stage.complete(null);
    }

    /** The stage fails with {@code why}; the leg forgets the transfer and stays as it is. */
    void failed(Leg leg, String why) {
        end(leg);
        LOG.log(Level.INFO, "SIP {0}: transfer to {1} failed: {2}", leg, target, why);
        stage.completeExceptionally(new TransferFailedException(why));
    }

    private void end(Leg leg) {
        if (leg.transfer == this) {
            leg.transfer = null;
        }
        if (finalNotifyTimer != null) {
            finalNotifyTimer.cancel(false);
        }
    }
}
