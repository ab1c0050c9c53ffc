package io.switchboard.application.service;

import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.domain.call.CallConnectionId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An outbox in memory, for tests and benchmarks only: what it keeps dies with the process, and pending events take
 * heap. Its work runs on one daemon thread, in order, as the port requires; the last {@code settledKept} settled
 * events stay for the calls' histories.
 */
public final class InMemoryEventOutbox implements EventOutbox {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "switchboard-outbox-memory");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Stored> events = new LinkedHashMap<>();
    private final ArrayDeque<Long> settled = new ArrayDeque<>();
    private final Map<CallConnectionId, List<Long>> byCall = new HashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final int settledKept;
    private long seq;

    public InMemoryEventOutbox(int settledKept) {
        this.settledKept = settledKept;
    }

    /** Keeps the last 10,000 settled events. */
    public InMemoryEventOutbox() {
        this(10_000);
    }

    @Override
    public CompletionStage<Long> append(Accepted event) {
        return run(() -> {
            long next = ++seq;
            events.put(next, new Stored(next, event, State.PENDING, List.of()));
            byCall.computeIfAbsent(event.callId(), id -> new ArrayList<>()).add(next);
            pending.incrementAndGet();
            return next;
        });
    }

    @Override
    public CompletionStage<Void> attempted(long number, Attempt attempt) {
        return run(() -> {
            Stored stored = events.get(number);
            if (stored == null || stored.state() != State.PENDING) {
                return null;
            }
            List<Attempt> attempts = new ArrayList<>(stored.attempts());
            attempts.add(attempt);
            events.put(number, new Stored(number, stored.event(), attempt.state(), attempts));
            if (attempt.state() != State.PENDING) {
                pending.decrementAndGet();
                settled.addLast(number);
                while (settled.size() > settledKept) {
                    forget(settled.removeFirst());
                }
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Optional<Pending>> requeue(long number) {
        return run(() -> {
            Stored stored = events.get(number);
            if (stored == null || stored.state() != State.GIVEN_UP) {
                return Optional.empty();
            }
            Stored again = new Stored(number, stored.event(), State.PENDING, stored.attempts());
            events.put(number, again);
            settled.remove(number);
            pending.incrementAndGet();
            return Optional.of(new Pending(number, stored.event(), stored.attempts().size(), Optional.empty()));
        });
    }

    private void forget(long number) {
        Stored gone = events.remove(number);
        List<Long> ofCall = byCall.get(gone.event().callId());
        ofCall.remove(number);
        if (ofCall.isEmpty()) {
            byCall.remove(gone.event().callId());
        }
    }

    @Override
    public CompletionStage<List<Pending>> pending(long after, int limit) {
        return run(() -> events.values().stream().filter(s -> s.seq() > after && s.state() == State.PENDING)
                .limit(limit).map(InMemoryEventOutbox::pendingOf).toList());
    }

    @Override
    public CompletionStage<List<Pending>> pending(CallConnectionId call, long after, int limit) {
        return run(() -> byCall.getOrDefault(call, List.of()).stream().map(events::get)
                .filter(s -> s.seq() > after && s.state() == State.PENDING)
                .limit(limit).map(InMemoryEventOutbox::pendingOf).toList());
    }

    private static Pending pendingOf(Stored stored) {
        Optional<Attempt> last = stored.attempts().isEmpty() ? Optional.empty()
                : Optional.of(stored.attempts().get(stored.attempts().size() - 1));
        return new Pending(stored.seq(), stored.event(), stored.attempts().size(),
                last.flatMap(Attempt::nextAttempt));
    }

    @Override
    public long pendingCount() {
        return pending.get();
    }

    @Override
    public CompletionStage<List<Stored>> history(CallConnectionId call) {
        return run(() -> byCall.getOrDefault(call, List.of()).stream().map(events::get).toList());
    }

    @Override
    public CompletionStage<Void> flushed() {
        return run(() -> null);
    }

    @Override
    public boolean durable() {
        return false;
    }

    private <T> CompletionStage<T> run(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, thread);
    }
}
