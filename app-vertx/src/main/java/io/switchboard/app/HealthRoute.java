package io.switchboard.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.adapter.webhook.WebhookStats;
import io.switchboard.application.port.out.CallRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code GET /health}: unauthenticated, for load balancers and operators. Answers 200 with the server's version, the
 * number of active calls, the webhook delivery counters, the state of the speech recognizer's models, and the status:
 * {@code ok}, or {@code degraded} with its {@code reasons} ({@link HealthChecks}: calls go on); it reveals no call ids
 * or addresses. {@code GET /health/live} answers 200 while the server serves at all (liveness);
 * {@code GET /health/ready} 200 when it is not degraded, else 503 with the reasons (readiness).
 */
final class HealthRoute {

    private HealthRoute() {
    }

    /**
     * A router serving {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /metrics}
     * (Prometheus' text format; unauthenticated like {@code /health}: counts only, no ids), then the routes
     * {@code others} adds (the console), and handing every other request to {@code api}.
     */
    static Router around(Router api, io.vertx.core.Vertx vertx, CallRegistry calls, Supplier<WebhookStats> webhooks,
                         PrometheusMeterRegistry metrics, Supplier<String> speechRecognition, HealthChecks checks,
                         Consumer<Router> others) {
        Router root = Router.router(vertx);
        root.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
        root.route("/health/live").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> json(rc, 200,
                new JsonObject().put("status", "live")));
        root.route("/health/ready").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> {
            List<String> reasons = checks.reasons();
            json(rc, reasons.isEmpty() ? 200 : 503, reasons.isEmpty() ? new JsonObject().put("status", "ready")
                    : new JsonObject().put("status", "degraded").put("reasons", new JsonArray(reasons)));
        });
        root.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> {
            WebhookStats stats = webhooks.get();
            List<String> reasons = checks.reasons();
            JsonObject body = new JsonObject()
                    .put("status", reasons.isEmpty() ? "ok" : "degraded")
                    .put("version", Version.current())
                    .put("activeCalls", calls.active().size())
                    .put("webhooks", new JsonObject()
                            .put("delivered", stats.delivered())
                            .put("retried", stats.retried())
                            .put("givenUp", stats.givenUp())
                            .put("pending", stats.pending()))
                    .put("speechRecognition", speechRecognition.get());
            if (!reasons.isEmpty()) {
                body.put("reasons", new JsonArray(reasons));
            }
            json(rc, 200, body);
        });
        others.accept(root);
        root.route("/*").subRouter(api);
        return root;
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
