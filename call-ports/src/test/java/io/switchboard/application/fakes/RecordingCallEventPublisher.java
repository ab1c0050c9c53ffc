package io.switchboard.application.fakes;

import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.CallEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/** Keeps every published event, in order. */
public final class RecordingCallEventPublisher implements CallEventPublisher {

    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final List<CallbackTarget> targets = new CopyOnWriteArrayList<>();
    private final List<CallConnectionId> connections = new CopyOnWriteArrayList<>();

    @Override
    public void publish(CallbackTarget target, CallEvent event, CallConnectionId connection) {
        targets.add(target);
        events.add(event);
        connections.add(connection);
    }

    /** The events told to the given connection (a call's own id, or another application's connection). */
    public List<CallEvent> eventsOf(CallConnectionId connection) {
        return toldTo(connection).stream().map(events::get).toList();
    }

    /** Where the events told to the given connection went. */
    public List<CallbackTarget> targetsOf(CallConnectionId connection) {
        return toldTo(connection).stream().map(targets::get).toList();
    }

    private List<Integer> toldTo(CallConnectionId connection) {
        return IntStream.range(0, connections.size()).filter(i -> connections.get(i).equals(connection)).boxed()
                .toList();
    }

    /** Where the last event of the type went. */
    public CallbackTarget targetOfLast(Class<? extends CallEvent> type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i))) {
                return targets.get(i);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " published");
    }

    public List<CallEvent> events() {
        return List.copyOf(events);
    }

    public <T extends CallEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
        targets.clear();
        connections.clear();
    }
}
