package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Records what the adapter reports, in order, and waits for it. */
final class RecordingTelephonyEvents implements HandleTelephonyEventUseCase {

    sealed interface Event permits Answered, Ended, PlayEnded, ToneReceived, Held {
    }

    record Answered(LegId leg) implements Event {
    }

    record Ended(LegId leg, ResultInformation cause) implements Event {
    }

    record PlayEnded(CallConnectionId call, PlayOperation.Outcome outcome) implements Event {
    }

    record ToneReceived(LegId leg, Tone tone) implements Event {
    }

    record Held(LegId leg, boolean held) implements Event {
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

    @Override
    public void legHeld(LegId leg, boolean held) {
        events.add(new Held(leg, held));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} events arrived; returns them all. */
    List<Event> await(int count, Duration timeout) {
        Awaitility.await("" + count + " telephony events").atMost(timeout).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(events).as("telephony events").hasSizeGreaterThanOrEqualTo(count));
        return events();
    }

    /** Waits for the end of a leg and returns its cause. */
    ResultInformation awaitEnded(LegId leg, Duration timeout) {
        return Awaitility.await("the end of " + leg).atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> events.stream().filter(e -> e instanceof Ended ended && ended.leg().equals(leg))
                        .map(e -> ((Ended) e).cause()).findFirst(), Optional::isPresent).orElseThrow();
    }
}
