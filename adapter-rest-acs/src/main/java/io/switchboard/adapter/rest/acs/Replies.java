package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Answers a request from a use case's result: the result is taken back onto the request's Vert.x context (use
 * cases complete on the call's executor), rendered, and sent; a failure goes to the failure handler.
 */
final class Replies {

    private Replies() {
    }

    /** Answers {@code status} with the rendered result as JSON. */
    static <T> void json(RoutingContext rc, CompletionStage<T> result, int status, Function<T, JsonNode> render) {
        Future.fromCompletionStage(result, rc.vertx().getOrCreateContext())
                .map(value -> render.apply(value).toString()) // a rendering failure also reaches the failure handler
                .onSuccess(json -> rc.response().setStatusCode(status).end(json))
                .onFailure(rc::fail);
    }

    /** Answers {@code status} with an empty body once the use case has accepted the request. */
    static <T> void empty(RoutingContext rc, CompletionStage<T> result, int status) {
        Future.fromCompletionStage(result, rc.vertx().getOrCreateContext())
                .onSuccess(value -> rc.response().setStatusCode(status).end())
                .onFailure(rc::fail);
    }
}
