package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Answers GA requests like {@link Replies}, leaving the body sent where {@link Repeatability} can keep it for
 * repeats of the request.
 */
final class GaReplies {

    private GaReplies() {
    }

    static <T> void json(RoutingContext rc, CompletionStage<T> result, int status, Function<T, JsonNode> render) {
        Future.fromCompletionStage(result, rc.vertx().getOrCreateContext())
                .map(value -> render.apply(value).toString())
                .onSuccess(json -> send(rc, status, json))
                .onFailure(rc::fail);
    }

    static <T> void empty(RoutingContext rc, CompletionStage<T> result, int status) {
        Future.fromCompletionStage(result, rc.vertx().getOrCreateContext())
                .onSuccess(value -> send(rc, status, ""))
                .onFailure(rc::fail);
    }

    private static void send(RoutingContext rc, int status, String body) {
        rc.put(Repeatability.SENT_BODY, body);
        rc.response().setStatusCode(status).end(body);
    }
}
