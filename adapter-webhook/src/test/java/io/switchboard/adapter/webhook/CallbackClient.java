package io.switchboard.adapter.webhook;

import io.switchboard.client.CallbackHandler;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.event.CallEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A router on 127.0.0.1 with a {@link CallbackHandler} at {@code /callbacks}, and a sender that signs as
 * Switchboard does, computed here independently of {@link RequestSigner}.
 */
final class CallbackClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpServer server;

    private CallbackClient(HttpServer server) {
        this.server = server;
    }

    static CallbackClient start(Vertx vertx, CallbackHandler handler, boolean withBodyHandler) throws Exception {
        Router router = Router.router(vertx);
        if (withBodyHandler) {
            router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        }
        router.post("/callbacks").handler(handler);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return new CallbackClient(server);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/callbacks");
    }

    static String signature(byte[] key, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1=" + Base64.getEncoder().encodeToString(digest);
    }

    /** Posts the body signed with {@code key} as of {@code timestamp}; returns the status. */
    int post(byte[] key, String id, long timestamp, String body) throws Exception {
        return post(id, String.valueOf(timestamp), signature(key, id, timestamp, body), body);
    }

    /** Posts with the given headers (null: left out). */
    int post(String id, String timestamp, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (id != null) {
            request.header("X-Switchboard-Event-Id", id);
        }
        if (timestamp != null) {
            request.header("X-Switchboard-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Switchboard-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A CloudEvent as the publisher writes it, serialised by the publisher's own serializer. */
    static String originBody(CallEvent event, String id, Instant time) {
        return new String(new CloudEventSerializer("2025-05-15")
                .serialize(EventSchema.ORIGIN_2021, event, id, time).orElseThrow(),
                StandardCharsets.UTF_8);
    }

    static String gaBody(CallEvent event, String id, Instant time) {
        return new String(new CloudEventSerializer("2025-05-15")
                .serialize(EventSchema.GA, event, id, time).orElseThrow(),
                StandardCharsets.UTF_8);
    }
}
