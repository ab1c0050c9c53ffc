package io.switchboard.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link CallClient} sends. Validated on construction: a bad value throws {@link IllegalArgumentException}
 * naming the field.
 *
 * @param requestTimeout how long one attempt may take until its response arrives
 * @param maxAttempts    attempts per request, the first included, when the service answers 429 or 503
 * @param maxRetryDelay  the longest wait before a retry, also when {@code Retry-After} asks for more (then the
 *                       request fails instead of waiting that long)
 * @param apiVersion     sent as {@code ?api-version=} when present (ACS requires it; Switchboard's origin routes
 *                       do not)
 * @param clock          the source of {@code x-ms-date}
 */
public record CallClientOptions(Duration requestTimeout, int maxAttempts, Duration maxRetryDelay,
                                Optional<String> apiVersion, Clock clock) {

    public CallClientOptions {
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("maxRetryDelay", maxRetryDelay);
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: 1 to 10)");
        }
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(clock, "clock");
    }

    /** 10 s per attempt, 3 attempts, retries waiting at most 30 s, no api-version, the UTC system clock. */
    public static CallClientOptions defaults() {
        return new CallClientOptions(Duration.ofSeconds(10), 3, Duration.ofSeconds(30), Optional.empty(),
                Clock.systemUTC());
    }

    public CallClientOptions withRequestTimeout(Duration value) {
        return new CallClientOptions(value, maxAttempts, maxRetryDelay, apiVersion, clock);
    }

    public CallClientOptions withMaxAttempts(int value) {
        return new CallClientOptions(requestTimeout, value, maxRetryDelay, apiVersion, clock);
    }

    public CallClientOptions withMaxRetryDelay(Duration value) {
        return new CallClientOptions(requestTimeout, maxAttempts, value, apiVersion, clock);
    }

    public CallClientOptions withApiVersion(String value) {
        return new CallClientOptions(requestTimeout, maxAttempts, maxRetryDelay, Optional.of(value), clock);
    }

    public CallClientOptions withClock(Clock value) {
        return new CallClientOptions(requestTimeout, maxAttempts, maxRetryDelay, apiVersion, value);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a positive duration)");
        }
    }
}
