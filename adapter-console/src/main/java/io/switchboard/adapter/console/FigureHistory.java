package io.switchboard.adapter.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's key figures sampled at a fixed interval over the last minutes, for the console's small charts: a page
 * opened now shows the recent past at once. Thread-safe: sampled on one event loop, read on any.
 */
final class FigureHistory {

    static final long INTERVAL_MILLIS = 5_000;
    /** Ten minutes of samples. */
    static final int SAMPLES = 120;

    private final Supplier<Map<String, Number>> figures;
    private final Clock clock;
    private final Deque<JsonObject> samples = new ArrayDeque<>(SAMPLES);

    FigureHistory(Supplier<Map<String, Number>> figures, Clock clock) {
        this.figures = figures;
        this.clock = clock;
    }

    /** The figures now, each by name. */
    JsonObject now() {
        JsonObject now = new JsonObject();
        figures.get().forEach(now::put);
        return now;
    }

    /** Takes a sample; the oldest goes once {@link #SAMPLES} are kept. */
    synchronized void sample() {
        if (samples.size() == SAMPLES) {
            samples.removeFirst();
        }
        samples.addLast(new JsonObject().put("at", clock.instant().toString()).put("values", now()));
    }

    /** The samples kept, oldest first. */
    synchronized JsonArray samples() {
        return new JsonArray(samples.stream().map(Object.class::cast).toList());
    }
}
