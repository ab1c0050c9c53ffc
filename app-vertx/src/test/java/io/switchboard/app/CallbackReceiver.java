package io.switchboard.app;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application endpoint on 127.0.0.1: records the callbacks POSTed to {@code /callbacks} (origin or GA) and
 * serves audio files under {@code /audio/}.
 */
final class CallbackReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    /** When each event arrived ({@link System#nanoTime()}), by identity; for benchmarks. */
    private final Map<JsonObject, Long> arrivals = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());
    private final Map<String, Buffer> files = new ConcurrentHashMap<>();
    private final HttpServer server;

    CallbackReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().startsWith("/audio/")) {
                Buffer file = files.get(request.path().substring("/audio/".length()));
                request.response().setStatusCode(file == null ? 404 : 200).end(file == null ? Buffer.buffer() : file);
                return;
            }
            request.body().onSuccess(body -> {
                // the origin API posts one event, the GA API an array of them
                long now = System.nanoTime();
                if (body.toString().stripLeading().startsWith("[")) {
                    body.toJsonArray().forEach(event -> arrived((JsonObject) event, now));
                } else {
                    arrived(body.toJsonObject(), now);
                }
                request.response().setStatusCode(200).end();
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void arrived(JsonObject event, long now) {
        arrivals.put(event, now);
        events.add(event);
    }

    /** When {@code event} (one of those received) arrived, {@link System#nanoTime()}. */
    long arrivedAt(JsonObject event) {
        return arrivals.get(event);
    }

    String callbackUri() {
        return "http://127.0.0.1:" + server.actualPort() + "/callbacks";
    }

    String serve(String name, byte[] content) {
        files.put(name, Buffer.buffer(content));
        return "http://127.0.0.1:" + server.actualPort() + "/audio/" + name;
    }

    /** Every event received so far, of every call, in arrival order. */
    List<JsonObject> events() {
        return List.copyOf(events);
    }

    /** Every event received for the call so far, in arrival order. */
    List<JsonObject> eventsOf(String callId) {
        List<JsonObject> result = new ArrayList<>();
        for (JsonObject event : events) {
            if (callId.equals(event.getJsonObject("data", new JsonObject()).getString("callConnectionId"))) {
                result.add(event);
            }
        }
        return result;
    }

    /** Short names ({@code CallConnectionStateChanged:connected}, {@code ToneReceived:tone1}, ...) of its events. */
    List<String> namesOf(String callId) {
        return eventsOf(callId).stream().map(CallbackReceiver::name).toList();
    }

    static String name(JsonObject event) {
        String type = event.getString("type").replace("Microsoft.Communication.", "");
        JsonObject data = event.getJsonObject("data");
        return switch (type) {
            case "CallConnectionStateChanged" -> type + ":" + data.getString("callConnectionState");
            case "ToneReceived" -> type + ":" + data.getJsonObject("toneInfo").getString("tone");
            case "PlayAudioResult", "InviteParticipantsResult" -> type + ":" + data.getString("status");
            case "ParticipantsUpdated" -> type + ":" + data.getJsonArray("participants").size();
            default -> type;
        };
    }

    /** Waits until the call's events satisfy the condition; fails after the timeout with what was received. */
    List<JsonObject> await(String callId, Duration timeout, Predicate<List<String>> condition) {
        Awaitility.await("the events of call " + callId).atMost(timeout).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    List<String> names = namesOf(callId);
                    assertThat(condition.test(names)).as("events of call %s: %s", callId, names).isTrue();
                });
        return eventsOf(callId);
    }

    List<JsonObject> awaitEvent(String callId, String name, Duration timeout) throws Exception {
        return await(callId, timeout, names -> names.contains(name));
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
