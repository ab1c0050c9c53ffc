package io.switchboard.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;

import java.util.Optional;
import java.util.function.Function;

/** Serves the REST API, over https with a key; deployed once per event loop, all instances sharing the port. */
final class HttpApiVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final Function<io.vertx.core.Vertx, Router> routes;
    private final Optional<KeyCertOptions> tls;
    private HttpServer server;

    HttpApiVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes, Optional<KeyCertOptions> tls) {
        this.host = host;
        this.port = port;
        this.routes = routes;
        this.tls = tls;
    }

    @Override
    public Future<?> start() {
        // HTTP/1.1 only, as the ACS SDKs speak it (https has no ALPN here either): an h2c upgrade would also answer
        // HEAD with a body, which HTTP/1.1 leaves out
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        tls.ifPresent(key -> options.setSsl(true).setKeyCertOptions(key.copy()));
        server = vertx.createHttpServer(options);
        return server.requestHandler(routes.apply(vertx)).listen(port, host);
    }

    int actualPort() {
        return server.actualPort();
    }
}
