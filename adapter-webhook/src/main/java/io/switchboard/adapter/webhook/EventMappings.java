package io.switchboard.adapter.webhook;

import io.switchboard.domain.event.CallEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wire mapping of one schema: for every {@link CallEvent} type, a function to its wire event, where an empty
 * result means "this schema does not send it". Java 17 has no exhaustive switch over sealed types, so coverage is
 * checked by a test over {@code CallEvent.class.getPermittedSubclasses()} via {@link #covers}.
 */
final class EventMappings {

    private final Map<Class<?>, Function<CallEvent, Optional<WireEvent>>> byType = new HashMap<>();

    <T extends CallEvent> EventMappings on(Class<T> type, Function<T, Optional<WireEvent>> mapping) {
        byType.put(type, event -> mapping.apply(type.cast(event)));
        return this;
    }

    /** Maps a type that this schema never sends, stated explicitly so it is not mistaken for a forgotten one. */
    <T extends CallEvent> EventMappings notSent(Class<T> type) {
        byType.put(type, event -> Optional.empty());
        return this;
    }

    boolean covers(Class<?> type) {
        return byType.containsKey(type);
    }

    /**
     * @throws IllegalStateException if the event's type has no mapping (a new event type not yet mapped)
     */
    Optional<WireEvent> map(CallEvent event) {
        Function<CallEvent, Optional<WireEvent>> mapping = byType.get(event.getClass());
        if (mapping == null) {
            throw new IllegalStateException("event: " + event.getClass().getSimpleName() + " (no wire mapping)");
        }
        return mapping.apply(event);
    }
}
