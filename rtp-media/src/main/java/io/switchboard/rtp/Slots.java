package io.switchboard.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * What one pacer serves, spread over the slots of its 20 ms period: an item goes into the slot that holds the
 * fewest and stays there, so its packets keep their place in the period. Confined to the pacer's thread.
 */
final class Slots<T> {

    private final List<ArrayList<T>> slots = new ArrayList<>();

    Slots(int count) {
        for (int i = 0; i < count; i++) {
            slots.add(new ArrayList<>());
        }
    }

    void add(T item) {
        ArrayList<T> least = slots.get(0);
        for (ArrayList<T> slot : slots) {
            if (slot.size() < least.size()) {
                least = slot;
            }
        }
        least.add(item);
    }

    /** The items of one slot, live: the pacer iterates it and removes with {@link #removeAt}. */
    ArrayList<T> slot(int index) {
        return slots.get(index);
    }

    void removeAt(int slot, int index) {
        slots.get(slot).remove(index);
    }

    void remove(T item) {
        for (ArrayList<T> slot : slots) {
            if (slot.remove(item)) {
                return;
            }
        }
    }

    int size() {
        int size = 0;
        for (ArrayList<T> slot : slots) {
            size += slot.size();
        }
        return size;
    }

    void clear() {
        slots.forEach(ArrayList::clear);
    }
}
