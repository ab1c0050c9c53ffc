package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ScheduledFuture;

/**
 * Holds the legs to the trunk within its {@link TrunkLimits}: a leg over the limits waits in order, its ring time
 * running (it fails as unavailable if the time runs out in the queue), and goes out as soon as a call through the
 * trunk ends or the next INVITE of the per-second pace is due. A leg hung up while it waits ends at once, never sent.
 * A waiting leg holds no media: its RTP port is taken when it is sent. Confined to the signalling thread.
 */
final class TrunkGate {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    /** Sends a leg's INVITE (opening its media): the leg, with the ring time it has left. */
    interface Dialler {
        void dial(DialRequest request) throws Exception;
    }

    private final String trunk;
    private final TrunkLimits limits;
    private final SignallingThread thread;
    private final LegTable legs;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** Written on the signalling thread only; volatile so that metrics read a recent value. */
    private volatile int inUse;
    private volatile int queued;
    private volatile long sent;
    private long nextInviteNanos = System.nanoTime();
    private ScheduledFuture<?> paceTimer;
    private long waitedSoFar;

    private static final class Waiting {
        final DialRequest request;
        final Dialler dialler;
        final long since = System.nanoTime();
        ScheduledFuture<?> ringTimer;

        Waiting(DialRequest request, Dialler dialler) {
            this.request = request;
            this.dialler = dialler;
        }
    }

    TrunkGate(SipTrunk trunk, SignallingThread thread, LegTable legs) {
        this.trunk = trunk.name();
        this.limits = trunk.limits();
        this.thread = thread;
        this.legs = legs;
    }

    /** Calls through the trunk now (sent, not yet ended). */
    int inUse() {
        return inUse;
    }

    /** Legs waiting for room on the trunk now. */
    int waiting() {
        return queued;
    }

    /** INVITEs sent through the trunk since start (a leg failed over to the next trunk counts on each). */
    long invites() {
        return sent;
    }

    /** Sends the leg now if the limits allow and nobody waits before it, else queues it. */
    void dial(DialRequest request, Dialler dialler) throws Exception {
        if (queue.isEmpty() && room() && paced()) {
            send(request, dialler);
            return;
        }
        Waiting waiting = new Waiting(request, dialler);
        queue.addLast(waiting);
        queued = queue.size();
        if (waitedSoFar++ % 1000 == 0) {
            LOG.log(Level.INFO, "SIP trunk {5}: leg {0} of call {1} waits for room ({2} calls at once, {3}/s; {4} "
                    + "waiting; logged every 1000)", request.leg(), request.call(), limits.maxCalls(),
                    limits.perSecond(), queue.size(), trunk);
        }
        waiting.ringTimer = thread.schedule("ring timeout of waiting " + request.leg(), request.ringTimeout(),
                () -> ringTimedOut(waiting));
        drainLater();
    }

    /** A leg that went through the trunk is over: its place is free. */
    void released() {
        inUse = Math.max(0, inUse - 1);
        drain();
    }

    /** Ends a leg that is still waiting (the application hung up); false if it is not waiting. */
    boolean cancel(LegId leg) {
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); ) {
            Waiting waiting = it.next();
            if (waiting.request.leg().equals(leg)) {
                it.remove();
                queued = queue.size();
                waiting.ringTimer.cancel(false);
                legs.failed(waiting.request.call(), leg, ResultInformation.HUNG_UP_BY_APPLICATION);
                return true;
            }
        }
        return false;
    }

    /** Ends every leg still waiting (the adapter is stopping), each reported with {@code cause}; none is sent. */
    void endAll(ResultInformation cause) {
        while (!queue.isEmpty()) {
            Waiting waiting = queue.removeFirst();
            waiting.ringTimer.cancel(false);
            legs.failed(waiting.request.call(), waiting.request.leg(), cause);
        }
        queued = 0;
    }

    private void ringTimedOut(Waiting waiting) {
        if (queue.remove(waiting)) {
            queued = queue.size();
            legs.failed(waiting.request.call(), waiting.request.leg(), ResultInformation.unavailable("no answer after "
                    + waiting.request.ringTimeout().toSeconds() + " s (it waited for room on trunk " + trunk + ": "
                    + SipTrunk.setting(TrunkLimits.MAX_CALLS, trunk) + ", "
                    + SipTrunk.setting(TrunkLimits.PER_SECOND, trunk) + ")"));
        }
    }

    private void drain() {
        while (!queue.isEmpty() && room() && paced()) {
            Waiting next = queue.removeFirst();
            queued = queue.size();
            next.ringTimer.cancel(false);
            Duration left = next.request.ringTimeout().minusNanos(System.nanoTime() - next.since);
            DialRequest request = new DialRequest(next.request.call(), next.request.leg(), next.request.target(),
                    next.request.callerId(), left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
            try {
                send(request, next.dialler);
            } catch (Exception e) {
                legs.failed(request.call(), request.leg(), ResultInformation.unavailable("SIP INVITE not sent: "
                        + e.getMessage()));
            }
        }
        drainLater();
    }

    /** With legs waiting only for the pace, wakes up when the next INVITE is due. */
    private void drainLater() {
        if (queue.isEmpty() || !room() || paceTimer != null) {
            return;
        }
        long wait = Math.max(1, nextInviteNanos - System.nanoTime());
        paceTimer = thread.schedule("trunk pace", Duration.ofNanos(wait), () -> {
            paceTimer = null; // this one has fired: the drain may set the next
            drain();
        });
    }

    private void send(DialRequest request, Dialler dialler) throws Exception {
        inUse++;
        if (limits.perSecond() > 0) {
            nextInviteNanos = Math.max(System.nanoTime(), nextInviteNanos) + 1_000_000_000L / limits.perSecond();
        }
        try {
            dialler.dial(request);
        } catch (Exception e) {
            inUse--; // never became a leg: the caller reports it
            throw e;
        }
        sent++; // only the signalling thread writes it
    }

    private boolean room() {
        return limits.maxCalls() == 0 || inUse < limits.maxCalls();
    }

    private boolean paced() {
        return limits.perSecond() == 0 || System.nanoTime() - nextInviteNanos >= 0;
    }
}
