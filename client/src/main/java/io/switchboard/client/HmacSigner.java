package io.switchboard.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request as the official Communication Services SDKs do ({@code spec/acs-ga.md} §1):
 * <pre>
 * stringToSign  = VERB + "\n" + pathAndQuery + "\n" + x-ms-date + ";" + host + ";" + x-ms-content-sha256
 * Authorization = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=" + base64(hmac)
 * </pre>
 * It also computes the signature of the callbacks Switchboard sends ({@link #callbackSignature}). Pure and
 * thread-safe (a {@link Mac} per call).
 */
final class HmacSigner {

    /** IMF-fixdate (RFC 7231 §7.1.1.1), the RFC 1123 form the SDKs send: two-digit day, always GMT. */
    static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final SecretKeySpec key;

    HmacSigner(byte[] accessKey) {
        this.key = new SecretKeySpec(accessKey, "HmacSHA256");
    }

    /** The headers to add: {@code x-ms-date}, {@code x-ms-content-sha256} and {@code Authorization}. */
    Map<String, String> headers(String method, String pathAndQuery, String host, byte[] body, Instant at) {
        String date = RFC_1123.format(at);
        String contentHash = base64(sha256(body));
        String toSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + contentHash;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-date", date);
        headers.put("x-ms-content-sha256", contentHash);
        headers.put("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
                + base64(hmac(toSign.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }

    /**
     * The signature Switchboard puts on a callback ({@code X-Switchboard-Signature}):
     * {@code v1=base64(HMAC-SHA256(key, id + "." + unixSeconds + "." + body))}.
     */
    String callbackSignature(String eventId, long unixSeconds, byte[] body) {
        return "v1=" + base64(hmac((eventId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    private byte[] hmac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // mandatory on every Java platform
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e); // mandatory on every Java platform
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
