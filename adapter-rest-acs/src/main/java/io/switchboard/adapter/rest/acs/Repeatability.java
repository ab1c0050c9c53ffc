package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.out.RepeatableResponses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * ACS's repeatable requests: a request carrying {@code Repeatability-Request-ID} is executed once; a repeat of it
 * (same id, method and path) gets the first successful response again without executing, and both carry
 * {@code Repeatability-Result: accepted}. A repeat arriving while the first is still running waits for it.
 * {@code Repeatability-First-Sent} alone is accepted and ignored. Successful responses are kept 10 minutes, at most
 * 10,000 of them, in memory and in {@link RepeatableResponses} (the journal), so that they outlive a restart.
 */
final class Repeatability implements Handler<RoutingContext> {

    static final String REQUEST_ID = "Repeatability-Request-ID";
    static final String RESULT = "Repeatability-Result";
    /** Where {@link GaReplies} leaves the body it sent, for the cache to keep. */
    static final String SENT_BODY = "switchboard.repeatability.body";

    private final RepeatabilityCache cache;

    private Repeatability(RepeatabilityCache cache) {
        this.cache = cache;
    }

    /** The server-wide handler: every router of the same Vert.x instance shares one cache. */
    static Repeatability shared(Vertx vertx, Clock clock, RepeatableResponses kept) {
        RepeatabilityCache cache = vertx.sharedData().<String, RepeatabilityCache>getLocalMap("switchboard.rest")
                .computeIfAbsent("repeatability", k -> new RepeatabilityCache(clock, Duration.ofMinutes(10), 10_000,
                        kept));
        return new Repeatability(cache);
    }

    @Override
    public void handle(RoutingContext rc) {
        String requestId = rc.request().getHeader(REQUEST_ID);
        if (requestId == null || requestId.isBlank()) {
            rc.next();
            return;
        }
        String key = rc.request().method() + " " + rc.request().path() + " " + requestId.trim();
        rc.response().putHeader(RESULT, "accepted");
        cache.claim(key).ifPresentOrElse(first -> first.onComplete(outcome -> {
            Optional<RepeatabilityCache.Response> replay = outcome.succeeded() ? outcome.result() : Optional.empty();
            if (replay.isPresent()) {
                RepeatabilityCache.Response response = replay.get();
                rc.response().setStatusCode(response.status()).end(response.body());
            } else {
                firstRequest(rc, key);
            }
        }), () -> firstRequest(rc, key));
    }

    private void firstRequest(RoutingContext rc, String key) {
        rc.addBodyEndHandler(v -> {
            int status = rc.response().getStatusCode();
            String body = rc.get(SENT_BODY);
            cache.complete(key, status >= 200 && status < 300
                    ? Optional.of(new RepeatabilityCache.Response(status, body == null ? "" : body))
                    : Optional.empty());
        });
        rc.next();
    }
}
