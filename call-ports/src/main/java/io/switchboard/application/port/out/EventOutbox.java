package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;

/**
 * Where accepted events wait until they are delivered or given up, with their delivery state: the webhook
 * publisher's outbox. An implementation that keeps it on disk makes an accepted event survive a crash.
 *
 * <p><b>Order.</b> Every stage an outbox returns completes on one thread, in the order the calls were made: an event
 * appended before a query is in the query's answer, one appended after is not. Sequence numbers grow in append
 * order. Thread-safe.
 */
public interface EventOutbox {

    /**
     * An event as accepted: serialised once, so every attempt sends the same bytes and id.
     *
     * @param body      the request body, not copied: the caller must not change it
     * @param deliverBy when the event stops being worth delivering (an IncomingCall once its call no longer rings):
     *                  from then on it is given up instead of attempted or retried, before its retry window closes;
     *                  empty for an event worth its whole retry window
     */
    record Accepted(String eventId, CallConnectionId callId, URI target, byte[] body, Instant acceptedAt,
                    Optional<Instant> deliverBy) {

        public Accepted {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            Objects.requireNonNull(deliverBy, "deliverBy");
        }

        /** An event worth its whole retry window. */
        public Accepted(String eventId, CallConnectionId callId, URI target, byte[] body, Instant acceptedAt) {
            this(eventId, callId, target, body, acceptedAt, Optional.empty());
        }
    }

    /**
     * An event not yet delivered nor given up.
     *
     * @param failedAttempts attempts made so far, all failed
     * @param nextAttempt    when the next attempt is due, if an attempt failed
     */
    record Pending(long seq, Accepted event, int failedAttempts, Optional<Instant> nextAttempt) {
    }

    /** Where an event stands. */
    enum State { PENDING, DELIVERED, GIVEN_UP }

    /**
     * One delivery attempt and what it left the event in.
     *
     * @param number      1 for the first attempt
     * @param status      the receiver's HTTP status, if it answered
     * @param detail      what happened, for operators: {@code HTTP 503}, {@code connection refused}, ...
     * @param state       the event's state after it: PENDING if it is to be retried
     * @param nextAttempt when it is retried, for PENDING
     */
    record Attempt(int number, Instant at, OptionalInt status, String detail, Duration took, State state,
                   Optional<Instant> nextAttempt) {

        public Attempt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
        }
    }

    /** An event as the outbox keeps it, with every attempt made, for a call's history. */
    record Stored(long seq, Accepted event, State state, List<Attempt> attempts) {

        public Stored {
            attempts = List.copyOf(attempts);
        }
    }

    /** Keeps an event; the stage completes with its sequence number once it is kept (committed, on disk). */
    CompletionStage<Long> append(Accepted event);

    /** Keeps an attempt and the state it left the event in; a DELIVERED or GIVEN_UP event is no longer pending. */
    CompletionStage<Void> attempted(long seq, Attempt attempt);

    /**
     * Puts a given-up event back to pending (an operator's resend): it counts as pending again and is pending after a
     * restart too.
     *
     * @return the event as pending (its attempts so far counted, no next attempt due), or empty if it is not given up
     */
    CompletionStage<Optional<Pending>> requeue(long seq);

    /** Pending events after the sequence number given, oldest first, at most {@code limit}. */
    CompletionStage<List<Pending>> pending(long after, int limit);

    /** The pending events of one call after the sequence number given, oldest first, at most {@code limit}. */
    CompletionStage<List<Pending>> pending(CallConnectionId call, long after, int limit);

    /** How many events are pending now. */
    long pendingCount();

    /** Every event kept for a call, oldest first, with their attempts; settled ones only for the retention period. */
    CompletionStage<List<Stored>> history(CallConnectionId call);

    /** Completes once everything asked before is kept. */
    CompletionStage<Void> flushed();

    /** Whether what it keeps outlives the process (a journal on disk), or only the process (memory). */
    boolean durable();
}
