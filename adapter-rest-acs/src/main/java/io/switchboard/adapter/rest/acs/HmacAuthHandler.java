package io.switchboard.adapter.rest.acs;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies ACS access-key authentication (HMAC-SHA256) on every request, as the official SDKs sign:
 * <pre>
 * stringToSign = VERB \n pathAndQuery \n x-ms-date;host;x-ms-content-sha256
 * Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=base64(hmac)
 * </pre>
 * The SDKs disagree on the host (JS/.NET {@code host:port}, Java the bare hostname or the configured ACS host) and
 * on the query (JS signs it re-serialised by URLSearchParams), so every candidate is tried. Replays within the
 * allowed skew are accepted on purpose: SDK retries send the same signature again.
 *
 * <p>Runs after the body handler (the content hash covers the body as received) and fails the context with
 * {@link AccessDenied}; runs on the event loop, doing only CPU work bounded by the body limit.
 */
final class HmacAuthHandler implements Handler<RoutingContext> {

    private static final System.Logger LOG = System.getLogger(HmacAuthHandler.class.getName());
    private static final String SCHEME = "HMAC-SHA256 ";

    private final SecretKeySpec key;
    private final Duration skew;
    private final Optional<String> publicHost;
    private final Set<String> trustedProxies;
    private final Clock clock;
    /** One keyed Mac per event-loop thread (a Mac is not thread-safe; looking one up per request cost more). */
    private final ThreadLocal<Mac> macs;
    /** The last x-ms-date parsed: requests within one second carry the same one, and RFC 1123 parsing is slow. */
    private volatile ParsedDate lastDate = new ParsedDate("", Instant.EPOCH);

    private record ParsedDate(String text, Instant at) {
    }

    HmacAuthHandler(RestConfig config) {
        this.key = new SecretKeySpec(config.accessKey(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.skew = config.allowedClockSkew();
        this.publicHost = config.publicHost();
        this.trustedProxies = config.trustedProxies();
        this.clock = config.clock();
    }

    @Override
    public void handle(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        Optional<String> denial = check(rc.request(), AcsRestApi.signedMethod(rc),
                body == null ? new byte[0] : body.getBytes());
        if (denial.isPresent()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "denied " + rc.request().method() + " " + rc.request().path()
                    + ": " + denial.get());
            rc.fail(new AccessDenied(denial.get()));
        } else {
            rc.next();
        }
    }

    /** @return why the request is denied, or empty when it is authentic */
    private Optional<String> check(HttpServerRequest request, String method, byte[] body) {
        Optional<String> signature = signature(request.getHeader("Authorization"));
        if (signature.isEmpty()) {
            return Optional.of("no HMAC-SHA256 Authorization header");
        }
        String contentHash = request.getHeader("x-ms-content-sha256");
        if (contentHash == null || !MessageDigest.isEqual(ascii(contentHash), ascii(sha256(body)))) {
            return Optional.of("x-ms-content-sha256 missing or not the hash of the body received");
        }
        String date = Optional.ofNullable(request.getHeader("x-ms-date")).orElse(request.getHeader("Date"));
        Optional<String> dateProblem = checkDate(date);
        if (dateProblem.isPresent()) {
            return dateProblem;
        }
        byte[] given = ascii(signature.get());
        for (String pathAndQuery : pathAndQueryCandidates(request.uri())) {
            for (String host : hostCandidates(request)) {
                String stringToSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";"
                        + contentHash;
                if (MessageDigest.isEqual(ascii(hmac(stringToSign)), given)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("signature matches no host and path candidate");
    }

    private static Optional<String> signature(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        for (String parameter : authorization.substring(SCHEME.length()).trim().split("&")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("Signature")) {
                return Optional.of(parameter.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkDate(String date) {
        if (date == null) {
            return Optional.of("neither x-ms-date nor Date");
        }
        try {
            Instant at = parseDate(date);
            Duration off = Duration.between(clock.instant(), at).abs();
            return off.compareTo(skew) > 0
                    ? Optional.of("x-ms-date " + date + " is " + off + " away from now (allowed: " + skew + ")")
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("x-ms-date " + date + " is not RFC 1123");
        }
    }

    private Instant parseDate(String date) {
        ParsedDate last = lastDate;
        if (last.text().equals(date)) {
            return last.at();
        }
        Instant at = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        lastDate = new ParsedDate(date, at);
        return at;
    }

    /** The request target as sent, and with its query re-serialised as URLSearchParams does. */
    private static Set<String> pathAndQueryCandidates(String uri) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(uri);
        int q = uri.indexOf('?');
        if (q >= 0) {
            String query = UrlSearchParams.reserialize(uri.substring(q + 1));
            candidates.add(query.isEmpty() ? uri.substring(0, q) : uri.substring(0, q + 1) + query);
        }
        return candidates;
    }

    private Set<String> hostCandidates(HttpServerRequest request) {
        Set<String> hosts = new LinkedHashSet<>();
        String host = request.getHeader("Host");
        if (host == null && request.authority() != null) {
            host = request.authority().toString(); // HTTP/2 sends :authority instead of Host
        }
        addWithAndWithoutPort(hosts, host);
        String forwarded = request.getHeader("X-Forwarded-Host");
        if (forwarded != null && request.remoteAddress() != null
                && trustedProxies.contains(request.remoteAddress().hostAddress())) {
            addWithAndWithoutPort(hosts, forwarded.split(",")[0].trim()); // the client-facing proxy comes first
        }
        publicHost.ifPresent(h -> addWithAndWithoutPort(hosts, h));
        return hosts;
    }

    private static void addWithAndWithoutPort(Set<String> hosts, String host) {
        if (host == null || host.isEmpty()) {
            return;
        }
        hosts.add(host);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && colon > host.lastIndexOf(']')) { // "[::1]:8080" has a port, "[::1]" has none
            hosts.add(host.substring(0, colon));
        }
    }

    private String hmac(String stringToSign) {
        return Base64.getEncoder().encodeToString(macs.get().doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
