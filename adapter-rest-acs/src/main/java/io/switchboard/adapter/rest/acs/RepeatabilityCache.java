package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.out.RepeatableResponses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.shareddata.Shareable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first responses of repeatable requests, by {@code Repeatability-Request-ID}: at most {@code capacity}
 * entries, each kept for {@code retention}, the oldest evicted first. One instance serves every event loop of the
 * server (it is {@link Shareable} so that the routers of all HTTP verticles find the same one in Vert.x's local
 * shared data); its few, short critical sections are synchronized, as no single context owns it.
 */
final class RepeatabilityCache implements Shareable {

    /** A successful response to replay. */
    record Response(int status, String body) {
    }

    private record Entry(Instant at, Promise<Optional<Response>> response) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration retention;
    private final int capacity;

    private final RepeatableResponses kept;

    /** A cache holding the responses {@code kept} from before, and keeping each new one there. */
    RepeatabilityCache(Clock clock, Duration retention, int capacity, RepeatableResponses kept) {
        this.clock = clock;
        this.retention = retention;
        this.capacity = capacity;
        this.kept = kept;
        for (RepeatableResponses.Response response : kept.since(clock.instant().minus(retention))) {
            Promise<Optional<Response>> first = Promise.promise();
            first.complete(Optional.of(new Response(response.status(), response.body())));
            entries.put(response.key(), new Entry(response.at(), first));
        }
    }

    /**
     * Claims the id for a first request, or returns the first request's outcome: a response to replay, or empty
     * when the first one failed (the repeat then runs as a first request of its own).
     *
     * @return empty when the caller's request is the first with this id and must {@link #complete} it
     */
    synchronized Optional<Future<Optional<Response>>> claim(String id) {
        Instant now = clock.instant();
        expire(now);
        Entry existing = entries.get(id);
        if (existing != null) {
            return Optional.of(existing.response().future());
        }
        entries.put(id, new Entry(now, Promise.promise()));
        if (entries.size() > capacity) {
            Iterator<Entry> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
        }
        return Optional.empty();
    }

    /** Records the first request's response; a failed one (non-2xx) is forgotten so that a retry can run. */
    synchronized void complete(String id, Optional<Response> response) {
        Entry entry = response.isPresent() ? entries.get(id) : entries.remove(id);
        if (entry != null && entry.response().tryComplete(response) && response.isPresent()) {
            kept.keep(new RepeatableResponses.Response(id, entry.at(), response.get().status(),
                    response.get().body()));
        }
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(retention);
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            if (!entry.at().isBefore(horizon)) {
                return;
            }
            entry.response().tryComplete(Optional.empty());
            oldest.remove();
        }
    }

    @Override
    public Shareable copy() {
        return this; // shared on purpose: one cache for every event loop
    }
}
