package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;

import java.util.HashSet;
import java.util.Set;

/**
 * One leg to a sandbox phone and the timers pending for it (answer, reject, ring timeout, hang-up, key presses).
 * Confined to the network's context; an ended leg has no timers left.
 */
final class SandboxLeg {

    enum State { RINGING, ANSWERED, ENDED }

    private final DialRequest request;
    private final SandboxPhone phone;
    private final Set<Long> timers = new HashSet<>();
    private State state = State.RINGING;
    /** The call the leg belongs to: the dialling one, or the one it was moved to. */
    private CallConnectionId call;

    SandboxLeg(DialRequest request, SandboxPhone phone) {
        this.request = request;
        this.phone = phone;
        this.call = request.call();
    }

    LegId id() {
        return request.leg();
    }

    CallConnectionId call() {
        return call;
    }

    void movedTo(CallConnectionId next) {
        call = next;
    }

    SandboxPhone phone() {
        return phone;
    }

    boolean isRinging() {
        return state == State.RINGING;
    }

    boolean isAnswered() {
        return state == State.ANSWERED;
    }

    void answered() {
        state = State.ANSWERED;
    }

    void ended() {
        state = State.ENDED;
    }

    /** Hands back the pending timers for cancelling and forgets them. */
    Set<Long> takeTimers() {
        Set<Long> pending = Set.copyOf(timers);
        timers.clear();
        return pending;
    }

    void timerStarted(long timer) {
        timers.add(timer);
    }

    void timerFired(long timer) {
        timers.remove(timer);
    }

    @Override
    public String toString() {
        return "SandboxLeg[call " + call() + ", leg " + id() + ", " + request.target().rawId() + ", " + state + "]";
    }
}
