package io.switchboard.adapter.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed callback is tried again. Exponential backoff (×2 per failed attempt) from the first delay, with
 * ±20 % jitter so that receivers recovering from an outage are not hit by every server in step, capped at the
 * maximum delay. A receiver's {@code Retry-After} (seconds, on 429 and 503) replaces the backoff, and so does the
 * first connection closed before an answer ({@link #closedBeforeAnswer}).
 */
final class RetryPolicy {

    /** What an attempt's outcome means for the event. */
    enum Verdict { DELIVERED, RETRY, GIVE_UP }

    private static final double JITTER = 0.2;

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration window;
    private final DoubleSupplier random;

    /**
     * @param random uniform values in [0, 1)
     */
    RetryPolicy(Duration firstDelay, Duration maxDelay, Duration window, DoubleSupplier random) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.window = window;
        this.random = random;
    }

    /** 2xx delivers; 408, 429 and 5xx are passing conditions worth retrying; any other status is final. */
    static Verdict classify(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (status == 408 || status == 429 || status >= 500 && status < 600) {
            return Verdict.RETRY;
        }
        return Verdict.GIVE_UP;
    }

    /**
     * The {@code Retry-After} of a 429 or 503 in delay-seconds form (RFC 9110 §10.2.3); empty if absent, malformed
     * or in HTTP-date form, in which case the backoff applies.
     */
    static Optional<Duration> retryAfter(int status, String header) {
        if (status != 429 && status != 503 || header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The wait a connection closed or reset before any answer asks for: none when it is the event's first failed
     * attempt, which is mostly a kept-alive connection the receiver closed as it was being reused (idle too long for
     * it, or beyond the connections it keeps) and tells nothing about the receiver's health; empty after that, so
     * that a receiver that keeps closing has the backoff. The request may have reached the receiver: it then gets the event
     * twice, as from any retry, with the same id.
     *
     * @param failedBefore attempts of the event failed before this one
     */
    static Optional<Duration> closedBeforeAnswer(int failedBefore) {
        return failedBefore == 0 ? Optional.of(Duration.ZERO) : Optional.empty();
    }

    /**
     * @param failedAttempts attempts failed so far, at least 1
     * @param retryAfter     the receiver's wish, if any; capped at the maximum delay so one receiver cannot park an
     *                       event (and the events of its call queued behind it) beyond the configured bound
     */
    Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return min(retryAfter.get(), maxDelay);
        }
        double base = firstDelay.toNanos() * Math.pow(2, Math.min(failedAttempts - 1, 62));
        double jittered = base * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        return min(Duration.ofNanos((long) Math.min(jittered, Long.MAX_VALUE)), maxDelay);
    }

    /** Whether an event accepted at {@code acceptedAt} has been retried long enough to be given up. */
    boolean windowClosed(Instant acceptedAt, Instant now) {
        return !now.isBefore(acceptedAt.plus(window));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
