package io.switchboard.adapter.rest.acs;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Signs requests as the ACS SDKs do, written from acs-ga.md §1 independently of the production verifier:
 * {@code VERB\npathAndQuery\ndate;host;contentHash}, HMAC-SHA256 with the decoded key.
 */
final class TestSigner {

    /** {@code Date.prototype.toUTCString()}'s form, as the JS SDK sends it. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private TestSigner() {
    }

    static String date(Instant at) {
        return HTTP_DATE.format(at);
    }

    static String contentHash(String body) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    static String authorization(byte[] key, String method, String pathAndQuery, String date, String host,
                                String contentHash) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String stringToSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + contentHash;
        byte[] hmac = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(hmac);
        return authorizationHeader(signature);
    }

    static String authorizationHeader(String signature) {
        return "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature;
    }
}
