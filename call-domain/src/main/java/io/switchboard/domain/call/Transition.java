package io.switchboard.domain.call;

import io.switchboard.domain.event.CallEvent;

import java.util.List;
import java.util.Objects;

/** The result of a state change: the call as it now is and the events the change produced, in order. */
public record Transition(Call call, List<CallEvent> events) {

    public Transition {
        Objects.requireNonNull(call, "call");
        events = List.copyOf(events);
    }

    public static Transition of(Call call, CallEvent... events) {
        return new Transition(call, List.of(events));
    }
}
