package io.switchboard.adapter.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * RFC 2617 Digest access authentication with MD5, as SIP uses it (RFC 3261 §22.4): computes the
 * {@code response} and the {@code Authorization}/{@code Proxy-Authorization} header value.
 *
 * <p>Pure functions; thread-safe.
 */
public final class Digest {

    private Digest() {
    }

    /**
     * The request-digest of RFC 2617 §3.2.2.1: with {@code qop=auth}
     * {@code MD5(HA1:nonce:nc:cnonce:auth:HA2)}, without qop (RFC 2069) {@code MD5(HA1:nonce:HA2)}, where
     * {@code HA1 = MD5(username:realm:password)} and {@code HA2 = MD5(method:uri)}.
     *
     * @param qopAuth whether to compute the {@code qop=auth} form ({@code nc} and {@code cnonce} are then used)
     */
    public static String response(String username, String realm, String password, String method, String uri,
                                  String nonce, boolean qopAuth, String nc, String cnonce) {
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return qopAuth
                ? md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
    }

    /**
     * The credentials answering a challenge, ready to be the value of the authorization header.
     *
     * @param nc     the nonce count, 1 for the first request with this nonce
     * @param cnonce a fresh client nonce (used only when the challenge offers {@code qop=auth})
     * @throws IllegalArgumentException when the challenge asks for an algorithm other than MD5 or only auth-int
     */
    public static String authorization(DigestChallenge challenge, String username, String password, String method,
                                       String uri, int nc, String cnonce) {
        if (!challenge.algorithm().equalsIgnoreCase("MD5")) {
            throw new IllegalArgumentException("challenge.algorithm: " + challenge.algorithm() + " (expected: MD5)");
        }
        boolean qopAuth = challenge.qop().contains("auth");
        if (!qopAuth && !challenge.qop().isEmpty()) {
            throw new IllegalArgumentException("challenge.qop: " + challenge.qop() + " (expected: auth)");
        }
        String ncValue = String.format("%08x", nc);
        String response = response(username, challenge.realm(), password, method, uri, challenge.nonce(), qopAuth,
                ncValue, cnonce);
        StringBuilder header = new StringBuilder("Digest username=\"").append(username)
                .append("\", realm=\"").append(challenge.realm())
                .append("\", nonce=\"").append(challenge.nonce())
                .append("\", uri=\"").append(uri)
                .append("\", response=\"").append(response)
                .append("\", algorithm=MD5");
        if (qopAuth) {
            header.append(", qop=auth, nc=").append(ncValue).append(", cnonce=\"").append(cnonce).append('"');
        }
        challenge.opaque().ifPresent(o -> header.append(", opaque=\"").append(o).append('"'));
        return header.toString();
    }

    private static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
