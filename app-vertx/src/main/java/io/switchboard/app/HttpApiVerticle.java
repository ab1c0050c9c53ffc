package io.switchboard.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.util.function.Function;

/** Serves the REST API; deployed once per event loop, all instances sharing the listening port. */
final class HttpApiVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final Function<io.vertx.core.Vertx, Router> routes;
    private HttpServer server;

    HttpApiVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes) {
        this.host = host;
        this.port = port;
        this.routes = routes;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer();
        return server.requestHandler(routes.apply(vertx)).listen(port, host);
    }

    int actualPort() {
        return server.actualPort();
    }
}
