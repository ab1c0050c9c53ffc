package io.switchboard.adapter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a callback: {@code v1=base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))}. Binding the id and the
 * timestamp lets a receiver reject replays and stale requests. Thread-safe (a {@link Mac} per call).
 */
final class RequestSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    RequestSigner(byte[] signingKey) {
        this.key = new SecretKeySpec(signingKey, ALGORITHM);
    }

    String sign(String eventId, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((eventId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java platform, and any key bytes are valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
