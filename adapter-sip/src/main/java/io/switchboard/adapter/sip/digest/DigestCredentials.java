package io.switchboard.adapter.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Authorization} a client sends in answer to a Digest challenge (RFC 2617 §3.2.2), as a registrar checks it.
 *
 * @param qop {@code auth}, or empty for an RFC 2069 answer (then {@code nc} and {@code cnonce} are empty)
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, Optional<String> qop, String nc, String cnonce) {

    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(qop, "qop");
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(cnonce, "cnonce");
    }

    /**
     * Parses a header value such as {@code Digest username="bob", realm="r", nonce="n", uri="sip:r", response="..."}.
     *
     * @throws IllegalArgumentException if it is not Digest, lacks a required parameter, or uses another algorithm
     *                                  than MD5 or another qop than auth
     */
    public static DigestCredentials parse(String value) {
        String v = value == null ? "" : value.trim();
        if (!v.regionMatches(true, 0, "Digest ", 0, 7)) {
            throw new IllegalArgumentException("authorization: " + value + " (expected: Digest username=\"...\", ...)");
        }
        Map<String, String> params = DigestChallenge.params(v.substring(7));
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
            if (!params.containsKey(required)) {
                throw new IllegalArgumentException("authorization: no " + required + " (expected: username, realm, "
                        + "nonce, uri and response)");
            }
        }
        String algorithm = params.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            throw new IllegalArgumentException("authorization.algorithm: " + algorithm + " (expected: MD5)");
        }
        Optional<String> qop = Optional.ofNullable(params.get("qop")).map(q -> q.toLowerCase(Locale.ROOT));
        if (qop.isPresent() && !qop.get().equals("auth")) {
            throw new IllegalArgumentException("authorization.qop: " + qop.get() + " (expected: auth)");
        }
        return new DigestCredentials(params.get("username"), params.get("realm"), params.get("nonce"),
                params.get("uri"), params.get("response"), algorithm, qop, params.getOrDefault("nc", ""),
                params.getOrDefault("cnonce", ""));
    }

    /** Whether these credentials were made with {@code password} for a request of {@code method}. */
    public boolean madeWith(String password, String method) {
        String expected = Digest.response(username, realm, password, method, uri, nonce, qop.isPresent(), nc, cnonce);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
