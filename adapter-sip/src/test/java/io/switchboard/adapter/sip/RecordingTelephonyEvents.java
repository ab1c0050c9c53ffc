package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the adapter reports, in order, and waits for it. */
final class RecordingTelephonyEvents implements HandleTelephonyEventUseCase {

    sealed interface Event permits Answered, Ended, PlayEnded, ToneReceived {
    }

    record Answered(LegId leg) implements Event {
    }

    record Ended(LegId leg, ResultInformation cause) implements Event {
    }

    record PlayEnded(CallConnectionId call, PlayOperation.Outcome outcome) implements Event {
    }

    record ToneReceived(LegId leg, Tone tone) implements Event {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void legAnswered(LegId leg) {
        events.add(new Answered(leg));
    }

    @Override
    public void legEnded(LegId leg, ResultInformation cause) {
        events.add(new Ended(leg, cause));
    }

    @Override
    public void playEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
        events.add(new PlayEnded(call, outcome));
    }

    @Override
    public void toneReceived(LegId leg, Tone tone) {
        events.add(new ToneReceived(leg, tone));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} events arrived; returns them all. */
    List<Event> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (events.size() < count) {
            throw new AssertionError("expected " + count + " events within " + timeout + ", got " + events);
        }
        return events();
    }

    /** Waits for the end of a leg and returns its cause. */
    ResultInformation awaitEnded(LegId leg, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : events) {
                if (e instanceof Ended ended && ended.leg().equals(leg)) {
                    return ended.cause();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("leg " + leg + " not ended within " + timeout + "; got " + events);
    }
}
