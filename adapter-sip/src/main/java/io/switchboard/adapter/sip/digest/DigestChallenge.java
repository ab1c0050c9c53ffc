package io.switchboard.adapter.sip.digest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} or {@code Proxy-Authenticate} Digest challenge (RFC 2617 §3.2.1).
 *
 * @param qop   the quality-of-protection options offered, lower case; empty for an RFC 2069 challenge
 * @param stale whether the previous credentials were right but their nonce expired (retry with the new nonce)
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, String algorithm,
                              List<String> qop, boolean stale) {

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(opaque, "opaque");
        Objects.requireNonNull(algorithm, "algorithm");
        qop = List.copyOf(qop);
    }

    /**
     * Parses a header value such as {@code Digest realm="atlanta.com", nonce="84a4cc6f", qop="auth,auth-int"}.
     *
     * @throws IllegalArgumentException if it is not a Digest challenge with realm and nonce
     */
    public static DigestChallenge parse(String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, "Digest ", 0, 7)) {
            throw new IllegalArgumentException("challenge: " + value + " (expected: Digest realm=\"...\", nonce=\"...\")");
        }
        Map<String, String> params = params(v.substring(7));
        String realm = params.get("realm");
        String nonce = params.get("nonce");
        if (realm == null || nonce == null) {
            throw new IllegalArgumentException("challenge: " + value + " (expected: realm and nonce parameters)");
        }
        List<String> qop = params.containsKey("qop")
                ? List.of(params.get("qop").toLowerCase(Locale.ROOT).split("\\s*,\\s*")) : List.of();
        return new DigestChallenge(realm, nonce, Optional.ofNullable(params.get("opaque")),
                params.getOrDefault("algorithm", "MD5"), qop, "true".equalsIgnoreCase(params.get("stale")));
    }

    /** {@code name=value} and {@code name="quoted, value"} pairs separated by commas (RFC 2616 §2.2). */
    static Map<String, String> params(String s) {
        Map<String, String> params = new HashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            params.put(name, value.toString().trim());
        }
        return params;
    }
}
