package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.Participant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier callbacks said about the most recent calls (at most {@code capacity}, least recently heard of
 * forgotten first): whether a call was seen connected, and its participants from the latest
 * {@code ParticipantsUpdated}. Later events use it to fill in what their wire lacks. Thread-safe (a lock; O(1) or
 * O(participants) per operation).
 */
final class CallMemory {

    private record Known(boolean connected, List<Participant> participants) {
    }

    private final Map<CallConnectionId, Known> calls;

    CallMemory(int capacity) {
        this.calls = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CallConnectionId, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void heardOf(CallConnectionId call, boolean connected) {
        Known known = calls.get(call);
        calls.put(call, known == null ? new Known(connected, List.of())
                : new Known(known.connected() || connected, known.participants()));
    }

    /** Whether the call was seen connected; empty if nothing is known of it. */
    synchronized Optional<Boolean> seenConnected(CallConnectionId call) {
        return Optional.ofNullable(calls.get(call)).map(Known::connected);
    }

    synchronized void participants(CallConnectionId call, List<Participant> participants) {
        Known known = calls.get(call);
        calls.put(call, new Known(known != null && known.connected(), List.copyOf(participants)));
    }

    synchronized List<Participant> participants(CallConnectionId call) {
        Known known = calls.get(call);
        return known == null ? List.of() : known.participants();
    }
}
