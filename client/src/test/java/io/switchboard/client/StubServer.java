package io.switchboard.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A scripted HTTP server on 127.0.0.1: answers with the script in order (then the last reply) and records requests. */
final class StubServer {

    /** One answer; a negative status never answers. */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body);
        }

        static Reply of(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body);
        }

        static Reply silent() {
            return new Reply(-1, Map.of(), "");
        }
    }

    /** A request as received. */
    record Received(String method, String uri, Map<String, String> headers, String body, long nanos) {
    }

    private final ArrayDeque<Reply> script;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Reply last;
    private HttpServer server;

    private StubServer(List<Reply> script) {
        this.script = new ArrayDeque<>(script);
    }

    static StubServer start(Vertx vertx, Reply... script) throws Exception {
        StubServer stub = new StubServer(Arrays.asList(script));
        stub.server = vertx.createHttpServer().requestHandler(stub::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return stub;
    }

    String connectionString() {
        return "endpoint=http://127.0.0.1:" + server.actualPort() + "/;accesskey=c2VjcmV0LWtleS1vZi10aGUtc3R1Yg==";
    }

    List<Received> requests() {
        return List.copyOf(received);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            received.add(new Received(request.method().name(), request.uri(), headers, body.toString(),
                    System.nanoTime()));
            Reply reply;
            synchronized (script) {
                reply = script.isEmpty() ? last : script.poll();
                last = reply;
            }
            if (reply.status() >= 0) {
                reply.headers().forEach(request.response()::putHeader);
                request.response().setStatusCode(reply.status()).end(reply.body());
            }
        });
    }
}
