package io.switchboard.adapter.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the console: whoever proves they hold the access key gets a session, a random id in an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to {@code /console} (and {@code Secure} over https), good
 * for {@link #LIFETIME}. The key itself never travels again, and no page of data is served without a session, so the
 * console is never open, whatever address the server listens on. Thread-safe.
 */
final class ConsoleSessions {

    static final String COOKIE = "switchboard_console";
    static final Duration LIFETIME = Duration.ofHours(12);
    /** Sessions kept at most; beyond, the oldest is dropped (a login loop cannot fill the memory). */
    static final int MAX_SESSIONS = 1000;

    private final byte[] accessKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    ConsoleSessions(byte[] accessKey, Clock clock) {
        this.accessKey = accessKey.clone();
        this.clock = clock;
    }

    /**
     * Opens a session if {@code key} (base64, as in the connection string) is the access key, and sets its cookie.
     *
     * @return whether the key was right
     */
    boolean login(RoutingContext rc, String key) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(given, accessKey)) {
            return false;
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        dropExpired();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        sessions.put(session, clock.instant().plus(LIFETIME));
        rc.response().addCookie(cookie(rc, session).setMaxAge(LIFETIME.toSeconds()));
        return true;
    }

    /** Ends the request's session, if any, and clears its cookie. */
    void logout(RoutingContext rc) {
        session(rc).ifPresent(sessions::remove);
        rc.response().addCookie(cookie(rc, "").setMaxAge(0));
    }

    /** Whether the request carries a live session. */
    boolean admits(RoutingContext rc) {
        return session(rc).map(sessions::get).filter(until -> until.isAfter(clock.instant())).isPresent();
    }

    private static Optional<String> session(RoutingContext rc) {
        return Optional.ofNullable(rc.request().getCookie(COOKIE)).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    private static Cookie cookie(RoutingContext rc, String value) {
        return Cookie.cookie(COOKIE, value).setPath("/console").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(rc.request().isSSL());
    }

    private void dropExpired() {
        Instant now = clock.instant();
        for (Iterator<Instant> it = sessions.values().iterator(); it.hasNext(); ) {
            if (!it.next().isAfter(now)) {
                it.remove();
            }
        }
    }
}
