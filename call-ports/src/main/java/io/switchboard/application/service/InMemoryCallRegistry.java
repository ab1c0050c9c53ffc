package io.switchboard.application.service;

import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Calls kept in memory: the default registry of a single server. Ended calls stay readable for
 * {@code retention}, then are forgotten (checked whenever a call is saved) once none of their participants is left.
 */
public final class InMemoryCallRegistry implements CallRegistry {

    private record Ended(CallConnectionId id, Instant at) {
    }

    private final Map<CallConnectionId, Call> calls = new ConcurrentHashMap<>();
    private final Map<LegId, CallConnectionId> legs = new ConcurrentHashMap<>();
    /** Other applications' connections to the calls ({@code connect}), to the calls' own ids. */
    private final Map<CallConnectionId, CallConnectionId> connections = new ConcurrentHashMap<>();
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final Duration retention;

    public InMemoryCallRegistry(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void save(Call call) {
        Call previous = calls.put(call.id(), call);
        if (previous != null) {
            previous.participants().stream().map(Participant::leg)
                    .filter(leg -> call.participant(leg).isEmpty())
                    .forEach(leg -> legs.remove(leg, call.id()));
        }
        call.participants().forEach(p -> legs.put(p.leg(), call.id()));
        if (previous != null) {
            previous.connections().stream().filter(c -> call.connection(c.id()).isEmpty())
                    .forEach(c -> connections.remove(c.id(), call.id()));
        }
        call.connections().forEach(c -> connections.put(c.id(), call.id()));
        if (call.state().isEnded() && (previous == null || !previous.state().isEnded())) {
            ended.add(new Ended(call.id(), clock.instant()));
        }
        forgetExpired();
    }

    private void forgetExpired() {
        Instant horizon = clock.instant().minus(retention);
        Ended oldest;
        while ((oldest = ended.peek()) != null && oldest.at().isBefore(horizon)) {
            if (ended.remove(oldest)) {
                Call call = calls.get(oldest.id());
                if (call != null && !call.participants().isEmpty()) {
                    // the application left, its participants talk on: keep the call until they have gone
                    ended.add(new Ended(oldest.id(), clock.instant()));
                    continue;
                }
                Call forgotten = calls.remove(oldest.id());
                if (forgotten != null) {
                    forgotten.connections().forEach(c -> connections.remove(c.id(), forgotten.id()));
                }
            }
        }
    }

    @Override
    public Optional<Call> find(CallConnectionId id) {
        return Optional.ofNullable(calls.get(id));
    }

    @Override
    public Optional<CallConnectionId> findByLeg(LegId leg) {
        return Optional.ofNullable(legs.get(leg));
    }

    @Override
    public Optional<CallConnectionId> ownerOf(CallConnectionId connection) {
        return Optional.ofNullable(connections.get(connection));
    }

    @Override
    public List<Call> active() {
        return calls.values().stream().filter(c -> !c.state().isEnded()).toList();
    }
}
