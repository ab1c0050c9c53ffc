package io.switchboard.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the most recently accepted events, at most {@code capacity} of them (the oldest is forgotten first).
 * Thread-safe: one handler may serve several event loops, so a lock guards the map; each operation is O(1).
 */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers the id; false if it was already remembered (a duplicate). */
    synchronized boolean add(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** Forgets an id whose event was not accepted after all, so its redelivery is not taken for a duplicate. */
    synchronized void remove(String id) {
        ids.remove(id);
    }

    synchronized int size() {
        return ids.size();
    }
}
