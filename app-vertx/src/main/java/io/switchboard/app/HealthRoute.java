package io.switchboard.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.adapter.webhook.WebhookStats;
import io.switchboard.application.port.out.CallRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.function.Supplier;

/**
 * {@code GET /health}: unauthenticated, for load balancers and operators. Answers 200 with the server's version, the
 * number of active calls, the webhook delivery counters and the state of the speech recognizer's models (status
 * {@code degraded} when they failed to load: calls go on, speech recognitions fail); it reveals no call ids or
 * addresses.
 */
final class HealthRoute {

    private HealthRoute() {
    }

    /**
     * A router serving {@code /health} and {@code /metrics} (Prometheus' text format; unauthenticated like
     * {@code /health}: counts only, no ids) and handing every other request to {@code api}.
     */
    static Router around(Router api, io.vertx.core.Vertx vertx, CallRegistry calls, Supplier<WebhookStats> webhooks,
                         PrometheusMeterRegistry metrics, Supplier<String> speechRecognition) {
        Router root = Router.router(vertx);
        root.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
        root.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> {
            WebhookStats stats = webhooks.get();
            String recognition = speechRecognition.get();
            JsonObject body = new JsonObject()
                    .put("status", recognition.equals("failed") ? "degraded" : "ok")
                    .put("version", Version.current())
                    .put("activeCalls", calls.active().size())
                    .put("webhooks", new JsonObject()
                            .put("delivered", stats.delivered())
                            .put("retried", stats.retried())
                            .put("givenUp", stats.givenUp())
                            .put("pending", stats.pending()))
                    .put("speechRecognition", recognition);
            rc.response().putHeader("Content-Type", "application/json").end(body.encode());
        });
        root.route("/*").subRouter(api);
        return root;
    }
}
