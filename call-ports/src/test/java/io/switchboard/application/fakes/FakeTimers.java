package io.switchboard.application.fakes;

import io.switchboard.application.port.out.Timers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Timers that fire only when a test says so. */
public final class FakeTimers implements Timers {

    /** A timer set and not yet fired. */
    public record Pending(Duration delay, Runnable task) {
    }

    private final List<Pending> pending = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        pending.add(new Pending(delay, task));
    }

    public synchronized List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** Fires every pending timer, in the order set (timers set meanwhile wait for the next call). */
    public void fireAll() {
        List<Pending> due;
        synchronized (this) {
            due = List.copyOf(pending);
            pending.clear();
        }
        due.forEach(timer -> timer.task().run());
    }
}
