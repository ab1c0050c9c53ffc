package io.switchboard.adapter.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API requests made on each call, for its timeline: method, path, status and how long the answer took, as the
 * HTTP server saw them (the request that created or answered a call names no call yet, so it is not among them; its
 * {@code CallConnected} is). In memory, bounded: the last {@value #PER_CALL} requests of the last {@value #CALLS}
 * calls with requests (or read lately). Thread-safe: requests end on every event loop.
 */
final class CallRequestLog {

    static final int PER_CALL = 200;
    static final int CALLS = 10_000;
    /** GA ({@code /calling/callConnections/{id}...}) and origin ({@code /calls/{id}...}) call paths. */
    private static final Pattern CALL_PATH = Pattern.compile("^/(?:calling/callConnections|calls)/([^/:?]+)");

    private final Clock clock;
    private final Map<String, Deque<JsonObject>> byCall = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<JsonObject>> eldest) {
            return size() > CALLS;
        }
    };

    CallRequestLog(Clock clock) {
        this.clock = clock;
    }

    /** Notes the request once answered, if its path names a call; hands it on. */
    void handle(RoutingContext rc) {
        Matcher call = CALL_PATH.matcher(rc.request().path());
        if (call.find()) {
            String id = call.group(1);
            String method = rc.request().method().name();
            String path = rc.request().path();
            Instant at = clock.instant();
            long started = System.nanoTime();
            rc.addEndHandler(ended -> add(id, new JsonObject().put("at", at.toString()).put("method", method)
                    .put("path", path).put("status", rc.response().getStatusCode())
                    .put("ms", (System.nanoTime() - started) / 1_000_000)));
        }
        rc.next();
    }

    private synchronized void add(String call, JsonObject request) {
        Deque<JsonObject> requests = byCall.computeIfAbsent(call, id -> new ArrayDeque<>());
        if (requests.size() == PER_CALL) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    /** The requests noted for the call, oldest first. */
    synchronized JsonArray of(String call) {
        Deque<JsonObject> requests = byCall.get(call);
        return requests == null ? new JsonArray() : new JsonArray(requests.stream().map(Object.class::cast).toList());
    }
}
