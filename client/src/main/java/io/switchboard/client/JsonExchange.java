package io.switchboard.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The requests of one client, whatever the API flavour: JSON bodies out, success bodies read into values (a body
 * that does not fit fails with {@link CallAutomationClientException#INVALID_RESPONSE}), failures as
 * {@link CallAutomationClientException}s. Owns the {@link WebClient}. Thread-safe.
 */
final class JsonExchange implements AutoCloseable {

    static final String REQUEST_ID = "Repeatability-Request-ID";
    static final String FIRST_SENT = "Repeatability-First-Sent";
    private static final String USER_AGENT = "Switchboard-CallClient/0.1";

    private final WebClient client;
    private final SignedTransport transport;
    private final Clock clock;
    private final Supplier<UUID> requestIds;

    private JsonExchange(WebClient client, SignedTransport transport, Clock clock, Supplier<UUID> requestIds) {
        this.client = client;
        this.transport = transport;
        this.clock = clock;
        this.requestIds = requestIds;
    }

    static JsonExchange open(Vertx vertx, ConnectionString target, CallClientOptions options) {
        return open(vertx, target, options, UUID::randomUUID);
    }

    /** @param requestIds the source of {@code Repeatability-Request-ID}s: random in use, fixed in tests */
    static JsonExchange open(Vertx vertx, ConnectionString target, CallClientOptions options,
                             Supplier<UUID> requestIds) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent(USER_AGENT)
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis())));
        return new JsonExchange(client, new SignedTransport(vertx, client, target, options), options.clock(),
                Objects.requireNonNull(requestIds, "requestIds"));
    }

    /**
     * ACS's idempotency headers for one logical request ({@code spec/acs-ga.md} §1): a new id and the time of the
     * first attempt. Every attempt of the request sends the same ones, so a retry is answered from the first
     * execution instead of executing again.
     */
    Map<String, String> repeatability() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, requestIds.get().toString());
        headers.put(FIRST_SENT, HmacSigner.RFC_1123.format(clock.instant()));
        return headers;
    }

    <T> CompletionStage<T> json(HttpMethod method, String path, JsonObject body, Function<JsonObject, T> read) {
        return json(method, path, body, Map.of(), read);
    }

    /** Sends and reads the success body with {@code read}, which throws on a body that does not fit. */
    <T> CompletionStage<T> json(HttpMethod method, String path, JsonObject body, Map<String, String> headers,
                                Function<JsonObject, T> read) {
        return transport.send(method, path, buffer(body), headers).compose(response -> {
            try {
                return Future.succeededFuture(read.apply(response.body().toJsonObject()));
            } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
                return Future.<T>failedFuture(ServiceErrors.invalidResponse(response.status(),
                        "response body: " + e.getMessage()));
            }
        }).toCompletionStage();
    }

    CompletionStage<Void> empty(HttpMethod method, String path, JsonObject body) {
        return empty(method, path, body, Map.of());
    }

    /** Sends and ignores the success body. */
    CompletionStage<Void> empty(HttpMethod method, String path, JsonObject body, Map<String, String> headers) {
        return transport.send(method, path, buffer(body), headers).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Percent-encodes a path segment: {@code +} and {@code :} of raw ids included, space as {@code %20}. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Buffer buffer(JsonObject body) {
        return body == null ? Buffer.buffer() : body.toBuffer();
    }
}
