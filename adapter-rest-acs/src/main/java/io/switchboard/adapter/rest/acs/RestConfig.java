package io.switchboard.adapter.rest.acs;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The REST adapter's slice of the configuration.
 *
 * @param accessKey        the decoded access key requests are signed with (HMAC-SHA256); copied, never exposed
 *                         as the caller's array
 * @param allowedClockSkew how far a request's {@code x-ms-date} may lie from now, either way (ACS: 5 minutes)
 * @param publicHost       the host clients sign when they reach the server through a name it cannot see in
 *                         the request (e.g. a proxy that rewrites {@code Host}), as {@code host} or {@code host:port}
 * @param bodyLimitBytes   larger request bodies are refused with 413
 * @param clock            the clock request dates are checked against
 * @param trustedProxies   the addresses (IPs) of the reverse proxies whose {@code X-Forwarded-Host} is believed
 *                         when a signature is checked; from anyone else the header is ignored
 */
public record RestConfig(byte[] accessKey, Duration allowedClockSkew, Optional<String> publicHost,
                         long bodyLimitBytes, Clock clock, Set<String> trustedProxies) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final long DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

    public RestConfig {
        Objects.requireNonNull(accessKey, "accessKey");
        if (accessKey.length == 0) {
            throw new IllegalArgumentException("accessKey: empty (expected: the decoded bytes of a base64 key)");
        }
        accessKey = accessKey.clone();
        Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
        if (allowedClockSkew.isNegative()) {
            throw new IllegalArgumentException("allowedClockSkew: " + allowedClockSkew + " (expected: >= 0)");
        }
        Objects.requireNonNull(publicHost, "publicHost");
        if (bodyLimitBytes <= 0) {
            throw new IllegalArgumentException("bodyLimitBytes: " + bodyLimitBytes + " (expected: > 0)");
        }
        Objects.requireNonNull(clock, "clock");
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /** No proxy trusted. */
    public RestConfig(byte[] accessKey, Duration allowedClockSkew, Optional<String> publicHost, long bodyLimitBytes,
                      Clock clock) {
        this(accessKey, allowedClockSkew, publicHost, bodyLimitBytes, clock, Set.of());
    }

    /** The defaults for the rest: 5 minutes of skew, 1 MiB bodies, the system clock. */
    public static RestConfig defaults(byte[] accessKey, Optional<String> publicHost, Set<String> trustedProxies) {
        return new RestConfig(accessKey, DEFAULT_CLOCK_SKEW, publicHost, DEFAULT_BODY_LIMIT_BYTES, Clock.systemUTC(),
                trustedProxies);
    }

    @Override
    public byte[] accessKey() {
        return accessKey.clone();
    }

    @Override
    public String toString() {
        // never print the key
        return "RestConfig[allowedClockSkew=" + allowedClockSkew + ", publicHost=" + publicHost
                + ", bodyLimitBytes=" + bodyLimitBytes + ", clock=" + clock + ", trustedProxies=" + trustedProxies + "]";
    }
}
