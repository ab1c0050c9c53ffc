package io.switchboard.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one API request: signs every attempt afresh (a new {@code x-ms-date}), bounds each by the request timeout,
 * retries 429 and 503 after the delay the service asks for ({@code retry-after-ms}, {@code x-ms-retry-after-ms},
 * {@code Retry-After} in seconds or as a date) or else 0.5 s, 1 s, 2 s, ..., up to the attempt limit. Thread-safe;
 * futures complete on a Vert.x event loop.
 */
final class SignedTransport {

    /** A 2xx response. */
    record Response(int status, Buffer body) {
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final Vertx vertx;
    private final WebClient client;
    private final ConnectionString target;
    private final HmacSigner signer;
    private final CallClientOptions options;

    SignedTransport(Vertx vertx, WebClient client, ConnectionString target, CallClientOptions options) {
        this.vertx = vertx;
        this.client = client;
        this.target = target;
        this.signer = new HmacSigner(target.accessKey());
        this.options = options;
    }

    /**
     * @param path  from the endpoint's root, already percent-encoded, without query
     * @return the 2xx response, or a failure with a {@link CallAutomationClientException}
     */
    Future<Response> send(HttpMethod method, String path, Buffer body) {
        return send(method, path, body, Map.of());
    }

    /**
     * @param headers sent unchanged with every attempt: a retry repeats them (ACS's {@code Repeatability-*} headers
     *                must, so that the service recognises the retry and does not execute it twice)
     */
    Future<Response> send(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
        String pathAndQuery = target.basePath() + path + options.apiVersion()
                .map(v -> "?api-version=" + URLEncoder.encode(v, StandardCharsets.UTF_8)).orElse("");
        return attempt(1, method, pathAndQuery, body, headers);
    }

    private Future<Response> attempt(int attempt, HttpMethod method, String pathAndQuery, Buffer body,
                                     Map<String, String> headers) {
        long timeout = options.requestTimeout().toMillis();
        HttpRequest<Buffer> request = client.request(method, target.port(), target.hostName(), pathAndQuery)
                .ssl(target.tls())
                .timeout(timeout);
        headers.forEach(request::putHeader);
        signer.headers(method.name(), pathAndQuery, target.host(), body.getBytes(), options.clock().instant())
                .forEach(request::putHeader);
        if (body.length() > 0) {
            request.putHeader("Content-Type", "application/json");
        }
        return request.sendBuffer(body)
                .recover(failure -> Future.failedFuture(ServiceErrors.fromTransport(failure, timeout)))
                .compose(response -> {
                    if (response.statusCode() >= 200 && response.statusCode() < 300) {
                        return Future.succeededFuture(new Response(response.statusCode(), body(response)));
                    }
                    Optional<Duration> delay = retryDelay(response, attempt);
                    if (delay.isEmpty()) {
                        return Future.failedFuture(ServiceErrors.fromResponse(response.statusCode(), body(response)));
                    }
                    return later(delay.get()).compose(ignored -> attempt(attempt + 1, method, pathAndQuery, body,
                            headers));
                });
    }

    /** When to try again, or empty if not: not retryable, attempts used up, or asked to wait too long. */
    private Optional<Duration> retryDelay(HttpResponse<Buffer> response, int attempt) {
        int status = response.statusCode();
        if (status != 429 && status != 503 || attempt >= options.maxAttempts()) {
            return Optional.empty();
        }
        Duration delay = requestedDelay(response)
                .orElse(FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10)));
        return delay.compareTo(options.maxRetryDelay()) > 0 ? Optional.empty() : Optional.of(delay);
    }

    private Optional<Duration> requestedDelay(HttpResponse<Buffer> response) {
        for (String header : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            Optional<Long> millis = number(response.getHeader(header));
            if (millis.isPresent()) {
                return Optional.of(Duration.ofMillis(Math.max(0, millis.get())));
            }
        }
        String retryAfter = response.getHeader("Retry-After");
        if (retryAfter == null) {
            return Optional.empty();
        }
        Optional<Long> seconds = number(retryAfter);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds.get())));
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(options.clock().instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Future<Void> later(Duration delay) {
        if (delay.isZero()) {
            return Future.succeededFuture();
        }
        Promise<Void> elapsed = Promise.promise();
        vertx.setTimer(delay.toMillis(), id -> elapsed.complete());
        return elapsed.future();
    }

    private static Optional<Long> number(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Buffer body(HttpResponse<Buffer> response) {
        return response.body() == null ? Buffer.buffer() : response.body();
    }
}
