package io.switchboard.adapter.media;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1, port 0, serving real files from {@code /files/} plus misbehaving routes; counts
 * requests by path.
 */
final class MediaServer {

    static final int STREAM_CHUNK = 64 * 1024;
    static final int STREAM_CHUNKS = 256;

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicBoolean streamAborted = new AtomicBoolean();
    private final HttpServer server;

    private MediaServer(Vertx vertx, Path root) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            requests.computeIfAbsent(ctx.normalizedPath(), p -> new AtomicInteger()).incrementAndGet();
            ctx.next();
        });
        router.get("/files/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString()));
        router.get("/delayed/:name").handler(ctx -> vertx.setTimer(300,
                id -> ctx.response().sendFile(root.resolve(ctx.pathParam("name")).toString())));
        router.get("/redirect").handler(ctx -> ctx.redirect("/files/tone.wav"));
        router.get("/redirect-to-metadata").handler(ctx -> ctx.redirect("http://169.254.169.254/latest/meta-data/"));
        router.get("/secret-error").handler(ctx -> ctx.response().setStatusCode(500)
                .setStatusMessage("db password is hunter2").end("stack trace: hunter2"));
        router.get("/html").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html")
                .end("<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>"));
        router.get("/slow").handler(ctx -> ctx.response().setChunked(true).write("RIFF"));
        router.get("/stream").handler(ctx -> {
            HttpServerResponse response = ctx.response().setChunked(true);
            response.closeHandler(v -> streamAborted.set(!response.ended()));
            write(response, Buffer.buffer(new byte[STREAM_CHUNK]), 0);
        });
        this.server = vertx.createHttpServer().requestHandler(router);
    }

    static MediaServer start(Vertx vertx, Path root) {
        MediaServer media = new MediaServer(vertx, root);
        media.server.listen(0, "127.0.0.1").await();
        return media;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    boolean streamAborted() {
        return streamAborted.get();
    }

    /** Writes chunks as fast as the client takes them; stops when the connection goes. */
    private static void write(HttpServerResponse response, Buffer chunk, int sent) {
        int n = sent;
        while (n < STREAM_CHUNKS && !response.writeQueueFull() && !response.closed()) {
            response.write(chunk);
            n++;
        }
        if (response.closed()) {
            return;
        }
        if (n == STREAM_CHUNKS) {
            response.end();
            return;
        }
        int next = n;
        response.drainHandler(v -> write(response, chunk, next));
    }
}
