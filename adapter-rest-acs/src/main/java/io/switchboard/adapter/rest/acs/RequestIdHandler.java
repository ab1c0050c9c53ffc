package io.switchboard.adapter.rest.acs;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * First on every request: gives it a correlation id (for logs and {@code X-Microsoft-Skype-Chain-ID}), echoes the
 * client's {@code x-ms-client-request-id}, and makes every response {@code application/json}: the SDKs fail on
 * {@code text/plain}, even for empty bodies.
 */
final class RequestIdHandler implements Handler<RoutingContext> {

    static final String CORRELATION_ID = "switchboard.correlationId";
    static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";

    @Override
    public void handle(RoutingContext rc) {
        String correlationId = UUID.randomUUID().toString();
        String clientRequestId = rc.request().getHeader(CLIENT_REQUEST_ID);
        rc.put(CORRELATION_ID, correlationId);
        rc.addHeadersEndHandler(v -> {
            HttpServerResponse response = rc.response();
            if (!response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
                response.headers().set(HttpHeaders.CONTENT_TYPE, "application/json"); // every other body is JSON
            }
            response.headers().set("X-Microsoft-Skype-Chain-ID", correlationId);
            if (clientRequestId != null) {
                response.headers().set(CLIENT_REQUEST_ID, clientRequestId);
            }
        });
        rc.next();
    }

    static String correlationId(RoutingContext rc) {
        String id = rc.get(CORRELATION_ID);
        return id == null ? "-" : id;
    }
}
