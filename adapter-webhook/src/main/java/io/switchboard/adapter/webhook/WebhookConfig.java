package io.switchboard.adapter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of callback delivery. Validated on construction: a bad value throws {@link IllegalArgumentException}
 * naming the field.
 *
 * @param signingKey      the HMAC-SHA256 key of {@code X-Switchboard-Signature} (copied; at least 16 bytes)
 * @param connectTimeout  how long to wait for a TCP/TLS connection to the receiver
 * @param responseTimeout how long to wait for the receiver's response once the request is sent
 * @param firstRetryDelay the delay before the first retry; each further retry doubles it (with ±20 % jitter)
 * @param maxRetryDelay   the cap of the retry delay (also of a receiver's {@code Retry-After})
 * @param retryWindow     how long after acceptance a failing event is still retried before it is given up
 * @param gaApiVersion    the {@code version} field of GA-schema events
 * @param clock           the source of event times, signature timestamps and the retry window
 */
public record WebhookConfig(byte[] signingKey, Duration connectTimeout, Duration responseTimeout,
                            Duration firstRetryDelay, Duration maxRetryDelay, Duration retryWindow,
                            String gaApiVersion, Clock clock) {

    public WebhookConfig {
        if (signingKey == null || signingKey.length < 16) {
            throw new IllegalArgumentException("signingKey: " + (signingKey == null ? null : signingKey.length + " bytes")
                    + " (expected: at least 16 bytes)");
        }
        signingKey = signingKey.clone();
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("firstRetryDelay", firstRetryDelay);
        requirePositive("maxRetryDelay", maxRetryDelay);
        if (maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay: " + maxRetryDelay
                    + " (expected: at least firstRetryDelay " + firstRetryDelay + ")");
        }
        if (retryWindow == null || retryWindow.isNegative()) {
            throw new IllegalArgumentException("retryWindow: " + retryWindow + " (expected: zero or positive)");
        }
        if (gaApiVersion == null || gaApiVersion.isBlank()) {
            throw new IllegalArgumentException("gaApiVersion: " + gaApiVersion + " (expected: e.g. 2025-05-15)");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Production defaults: connect 3 s, response 5 s, first retry after 1 s, at most 5 min between retries, retries
     * for 1 h, GA version {@code 2025-05-15}, the UTC system clock.
     */
    public static WebhookConfig defaults(byte[] signingKey) {
        return new WebhookConfig(signingKey, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofHours(1), "2025-05-15", Clock.systemUTC());
    }

    /** A copy of the signing key. */
    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    // Records compare arrays by identity; compare the key by content and keep it out of toString.
    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookConfig that && Arrays.equals(signingKey, that.signingKey)
                && connectTimeout.equals(that.connectTimeout) && responseTimeout.equals(that.responseTimeout)
                && firstRetryDelay.equals(that.firstRetryDelay) && maxRetryDelay.equals(that.maxRetryDelay)
                && retryWindow.equals(that.retryWindow) && gaApiVersion.equals(that.gaApiVersion)
                && clock.equals(that.clock);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(signingKey), connectTimeout, responseTimeout, firstRetryDelay,
                maxRetryDelay, retryWindow, gaApiVersion, clock);
    }

    @Override
    public String toString() {
        return "WebhookConfig[signingKey=<" + signingKey.length + " bytes>, connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + ", firstRetryDelay=" + firstRetryDelay
                + ", maxRetryDelay=" + maxRetryDelay + ", retryWindow=" + retryWindow
                + ", gaApiVersion=" + gaApiVersion + ", clock=" + clock + "]";
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a positive duration)");
        }
    }
}
