package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP callback receiver on 127.0.0.1: answers from a script (then with the default reply) and records what
 * arrived, in arrival order.
 */
final class RecordingReceiver {

    /** How to answer one request; a {@code silent} reply never answers. */
    record Reply(int status, Optional<String> retryAfter, boolean silent, boolean closes) {

        static Reply status(int status) {
            return new Reply(status, Optional.empty(), false, false);
        }

        static Reply throttled(String retryAfterSeconds) {
            return new Reply(429, Optional.of(retryAfterSeconds), false, false);
        }

        static Reply neverAnswers() {
            return new Reply(0, Optional.empty(), true, false);
        }

        /** The request read, its connection closed without an answer. */
        static Reply closesTheConnection() {
            return new Reply(0, Optional.empty(), true, true);
        }
    }

    /** One request as received; header names in lower case. */
    record Received(Map<String, String> headers, byte[] body, long arrivedNanos) {

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String eventId() {
            return headers.get("x-switchboard-event-id");
        }

        String type() {
            JsonNode json = json();
            return (json.isArray() ? json.get(0) : json).get("type").asText();
        }
    }

    private final ArrayDeque<Reply> script;
    private final Reply otherwise;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private RecordingReceiver(List<Reply> script, Reply otherwise) {
        this.script = new ArrayDeque<>(script);
        this.otherwise = otherwise;
    }

    /** Answers with {@code script} in order, then 200. */
    static RecordingReceiver start(Vertx vertx, Reply... script) throws Exception {
        return start(vertx, 0, Reply.status(200), script);
    }

    static RecordingReceiver start(Vertx vertx, int port, Reply otherwise, Reply... script) throws Exception {
        RecordingReceiver receiver = new RecordingReceiver(Arrays.asList(script), otherwise);
        receiver.server = vertx.createHttpServer().requestHandler(receiver::handle).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return receiver;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/callbacks");
    }

    List<Received> requests() {
        return List.copyOf(received);
    }

    List<String> eventIds() {
        return requests().stream().map(Received::eventId).toList();
    }

    List<String> types() {
        return requests().stream().map(Received::type).toList();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            received.add(new Received(headers, body.getBytes(), System.nanoTime()));
            Reply reply;
            synchronized (script) {
                reply = script.isEmpty() ? otherwise : script.poll();
            }
            if (reply.closes()) {
                request.connection().close();
            } else if (!reply.silent()) {
                reply.retryAfter().ifPresent(seconds -> request.response().putHeader("Retry-After", seconds));
                request.response().setStatusCode(reply.status()).end();
            }
        });
    }
}
