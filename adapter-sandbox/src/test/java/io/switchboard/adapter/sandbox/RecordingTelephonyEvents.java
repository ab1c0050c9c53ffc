package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records what the sandbox reports, in order, with the threads it reported on; waits are bounded. */
final class RecordingTelephonyEvents implements HandleTelephonyEventUseCase {

    static final Duration PATIENCE = Duration.ofSeconds(5);

    record Answered(LegId leg) {
    }

    record Ended(LegId leg, ResultInformation cause) {
    }

    record PlayEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
    }

    record ToneReceived(LegId leg, Tone tone) {
    }

    private final List<Object> events = new ArrayList<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void legAnswered(LegId leg) {
        record(new Answered(leg));
    }

    @Override
    public void legEnded(LegId leg, ResultInformation cause) {
        record(new Ended(leg, cause));
    }

    @Override
    public void playEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
        record(new PlayEnded(call, outcome));
    }

    @Override
    public void toneReceived(LegId leg, Tone tone) {
        record(new ToneReceived(leg, tone));
    }

    synchronized List<Object> events() {
        return List.copyOf(events);
    }

    Set<String> threads() {
        return Set.copyOf(threads);
    }

    /** Waits until at least {@code count} events arrived and returns them all; fails after {@link #PATIENCE}. */
    synchronized List<Object> awaitCount(int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " events within " + PATIENCE + ", got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(events);
    }

    /** Waits for the first event and returns it. */
    Object awaitFirst() throws InterruptedException {
        return awaitCount(1).get(0);
    }

    /**
     * Returns everything recorded once nothing more was recorded for {@code quiet}, or as soon as something was: for
     * checking that nothing more happens (a timer that must not fire, a report that must not come).
     */
    List<Object> settle(Duration quiet) {
        int seen = events().size();
        try {
            Awaitility.await().during(quiet).atMost(quiet.multipliedBy(3)).pollInterval(Duration.ofMillis(10))
                    .until(() -> events().size() == seen);
        } catch (ConditionTimeoutException more) {
            // something more was recorded: the caller's assertion says what
        }
        return events();
    }

    private synchronized void record(Object event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
        notifyAll();
    }
}
