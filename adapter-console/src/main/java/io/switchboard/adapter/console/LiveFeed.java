package io.switchboard.adapter.console;

import io.switchboard.domain.connection.Call;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The live calls, one page at a time, with the key figures: as JSON on request, and as a server-sent event stream
 * ({@code text/event-stream}) that pushes the page every second. One timer per open page, whatever the number of
 * calls: the browser never polls per call. A page that cannot keep up skips updates rather than queue them; a stream
 * whose session has ended (logged out, expired) is closed at its next push.
 */
final class LiveFeed {

    static final int PAGE_SIZE = 25;
    static final long PUSH_MILLIS = 1_000;

    private final Vertx vertx;
    private final ConsoleSources sources;
    private final FigureHistory figures;
    private final Clock clock;
    private final Predicate<RoutingContext> admitted;

    LiveFeed(Vertx vertx, ConsoleSources sources, FigureHistory figures, Clock clock,
             Predicate<RoutingContext> admitted) {
        this.vertx = vertx;
        this.sources = sources;
        this.figures = figures;
        this.clock = clock;
        this.admitted = admitted;
    }

    /** {@code GET /console/api/calls?page=N}: one page of the live calls, newest first. */
    void page(RoutingContext rc) {
        WebConsole.json(rc, 200, snapshot(pageAsked(rc)));
    }

    /** {@code GET /console/api/live?page=N}: the same page pushed every second until the page is closed. */
    void stream(RoutingContext rc) {
        int page = pageAsked(rc);
        HttpServerResponse response = rc.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
        push(response, page);
        long timer = vertx.setPeriodic(PUSH_MILLIS, id -> {
            if (admitted.test(rc)) {
                push(response, page);
            } else {
                vertx.cancelTimer(id);
                response.end();
            }
        });
        response.closeHandler(closed -> vertx.cancelTimer(timer));
        response.exceptionHandler(failed -> vertx.cancelTimer(timer));
    }

    private void push(HttpServerResponse response, int page) {
        if (!response.ended() && !response.closed() && !response.writeQueueFull()) {
            response.write("data: " + snapshot(page).encode() + "\n\n");
        }
    }

    private JsonObject snapshot(int page) {
        List<Call> calls = sources.live().liveCalls();
        int pages = Math.max(1, (calls.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        Instant now = clock.instant();
        JsonArray list = new JsonArray();
        calls.stream().skip((long) (shown - 1) * PAGE_SIZE).limit(PAGE_SIZE)
                .forEach(call -> list.add(CallViews.summary(call, now, sources.codecs())));
        return new JsonObject().put("total", calls.size()).put("page", shown).put("pages", pages)
                .put("calls", list).put("figures", figures.now()).put("at", now.toString());
    }

    private static int pageAsked(RoutingContext rc) {
        String page = rc.request().getParam("page", "1");
        if (!page.matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException("page: " + WebConsole.cut(page) + " (expected: a page number from 1)");
        }
        return Integer.parseInt(page);
    }
}
