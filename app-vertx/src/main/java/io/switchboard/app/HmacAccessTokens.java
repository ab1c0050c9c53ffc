package io.switchboard.app;

import io.switchboard.application.port.out.AccessTokenSigner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens as JWTs (RFC 7519) signed with HMAC-SHA256 under a key derived from the access key, so that only
 * this server (or one holding its key) makes or checks them, and rotating the access key voids them all. The users'
 * ids are {@code 8:acs:<resource>_<id>}, the resource a UUID derived from the access key too: stable across restarts,
 * different for another key. Claims: {@code sub} and {@code skypeid} (the user), {@code scp} (the scopes, as a
 * space-separated list), {@code iat}, {@code exp} (what the ACS SDKs read), {@code resourceId}.
 */
final class HmacAccessTokens implements AccessTokenSigner {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final String resource;

    HmacAccessTokens(byte[] accessKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(accessKey, "HmacSHA256"),
                "switchboard access tokens".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        this.resource = resource(accessKey);
    }

    private static String resource(byte[] accessKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessKey);
            return UUID.nameUUIDFromBytes(digest).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String userIdPrefix() {
        return "8:acs:" + resource + "_";
    }

    @Override
    public String sign(String userId, List<String> scopes, Instant issuedAt, Instant expiresOn) {
        String claims = "{\"sub\":" + quote(userId) + ",\"skypeid\":" + quote(userId.substring(2))
                + ",\"scp\":" + quote(String.join(" ", scopes)) + ",\"resourceId\":" + quote(resource)
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + expiresOn.getEpochSecond() + "}";
        String signed = HEADER + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return signed + "." + URL.encodeToString(hmac(key, signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A JSON string of an id or scope: ids and scopes hold no quotes or backslashes, checked here anyway. */
    private static String quote(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("token claim: " + value + " (expected: no quotes or backslashes)");
        }
        return "\"" + value + "\"";
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
