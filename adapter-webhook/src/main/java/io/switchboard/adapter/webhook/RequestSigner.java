package io.switchboard.adapter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a callback: {@code v1=base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))}. Binding the id and the
 * timestamp lets a receiver reject replays and stale requests. Thread-safe: a {@link Mac} per thread, made and keyed
 * once (each {@code doFinal} leaves it ready for the next callback), not per callback.
 */
final class RequestSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    RequestSigner(byte[] signingKey) {
        SecretKeySpec key = new SecretKeySpec(signingKey, ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> keyed(key));
    }

    String sign(String eventId, long unixSeconds, byte[] body) {
        Mac mac = macs.get();
        mac.update((eventId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java platform, and any key bytes are valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
