package io.switchboard.application.fakes;

import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.CallEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published event, in order. */
public final class RecordingCallEventPublisher implements CallEventPublisher {

    private final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(CallbackTarget target, CallEvent event) {
        events.add(event);
    }

    public List<CallEvent> events() {
        return List.copyOf(events);
    }

    public <T extends CallEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
    }
}
