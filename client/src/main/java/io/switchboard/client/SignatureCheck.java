package io.switchboard.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies a callback's signature headers ({@link HmacSigner#callbackSignature}) and freshness. Stateless apart from
 * the key; thread-safe.
 */
final class SignatureCheck {

    static final String EVENT_ID = "X-Switchboard-Event-Id";
    static final String TIMESTAMP = "X-Switchboard-Timestamp";
    static final String SIGNATURE = "X-Switchboard-Signature";
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private final HmacSigner signer;
    private final Clock clock;
    private final long skewSeconds;

    SignatureCheck(byte[] key, Clock clock, Duration allowedSkew) {
        this.signer = new HmacSigner(key);
        this.clock = clock;
        this.skewSeconds = Math.max(1, allowedSkew.toSeconds());
    }

    /** @return why the request is refused, or empty when it is authentic and fresh */
    Optional<String> refusal(String eventId, String timestamp, String signatures, byte[] body) {
        if (eventId == null || eventId.isBlank() || timestamp == null || signatures == null) {
            return Optional.of("missing header (expected: " + EVENT_ID + ", " + TIMESTAMP + " and " + SIGNATURE + ")");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP + ": " + timestamp + " (expected: unix seconds)");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - sentAt) > skewSeconds) {
            return Optional.of(TIMESTAMP + ": " + sentAt + " (expected: within " + skewSeconds + " s of " + now + ")");
        }
        byte[] expected = signer.callbackSignature(eventId, sentAt, body).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String candidate : SEPARATORS.split(signatures.trim())) {
            // Check every candidate, constant time each, so the time taken tells nothing about a near miss.
            matches |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return matches ? Optional.empty() : Optional.of(SIGNATURE + ": no v1 signature matches");
    }
}
