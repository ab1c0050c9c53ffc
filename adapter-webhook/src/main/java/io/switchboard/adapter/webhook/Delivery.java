package io.switchboard.adapter.webhook;

import io.switchboard.application.port.out.EventOutbox.Accepted;
import io.switchboard.application.port.out.EventOutbox.Pending;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.Optional;

/**
 * One kept event on its way to the receiver, in memory while it is in its call's window. Confined to the
 * publisher's context (the attempt counter is mutable).
 */
final class Delivery {

    final long seq;
    final Accepted event;
    final Buffer buffer;
    int failedAttempts;
    /** When the next attempt is due, after a failed one (also one made before a restart). */
    Optional<Instant> nextAttempt;

    Delivery(long seq, Accepted event, int failedAttempts, Optional<Instant> nextAttempt) {
        this.seq = seq;
        this.event = event;
        this.buffer = Buffer.buffer(event.body());
        this.failedAttempts = failedAttempts;
        this.nextAttempt = nextAttempt;
    }

    static Delivery of(Pending pending) {
        return new Delivery(pending.seq(), pending.event(), pending.failedAttempts(), pending.nextAttempt());
    }

    /** Whether an attempt at {@code at} is still worth making: before the event's deliver-by time, if it has one. */
    boolean worthAttemptingAt(Instant at) {
        return event.deliverBy().map(at::isBefore).orElse(true);
    }

    /** For log lines: call and event id, which an operator greps for. */
    @Override
    public String toString() {
        return "call " + event.callId().value() + " event " + event.eventId();
    }
}
