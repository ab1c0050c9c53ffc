package io.switchboard.domain.connection;

import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The result of a state change: the call as it now is, the events the change produced and the commands telephony
 * must carry out because of it, each in order.
 */
public record Transition(Call call, List<CallEvent> events, List<TelephonyCommand> commands) {

    public Transition {
        Objects.requireNonNull(call, "call");
        events = List.copyOf(events);
        commands = List.copyOf(commands);
    }

    /** A change that asks nothing of telephony. */
    public Transition(Call call, List<CallEvent> events) {
        this(call, events, List.of());
    }

    public static Transition of(Call call, CallEvent... events) {
        return new Transition(call, List.of(events));
    }

    /** This change, telephony also having to carry out {@code more}. */
    public Transition and(TelephonyCommand... more) {
        return new Transition(call, events, concat(commands, List.of(more)));
    }

    /** This change followed by the one {@code next} makes of its call: the events and commands of both, in order. */
    public Transition then(Function<Call, Transition> next) {
        Transition after = next.apply(call);
        return new Transition(after.call, concat(events, after.events), concat(commands, after.commands));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
