package io.switchboard.application.service;

import io.switchboard.domain.call.LegId;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The mixed audio of a call's legs for a mixed media stream: each leg's frames, as telephony delivers them, summed
 * frame by frame; a frame is handed on once every leg gave its own, or once one leg is {@value #LAG} frames ahead
 * (a leg that lags counts as silent). Thread-safe; the consumer is called under the lock and must not block.
 */
final class Mixdown {

    private static final int FRAME = 160;
    private static final int RING = 16;
    private static final int LAG = 8;

    private final Consumer<short[]> out;
    private final int[][] sums = new int[RING][FRAME];
    private final short[] frame = new short[FRAME];
    private final Map<LegId, Long> delivered = new HashMap<>();
    private long next;

    Mixdown(Consumer<short[]> out) {
        this.out = out;
    }

    /** A leg joins: its first frame counts from the next frame handed on. */
    synchronized void join(LegId leg) {
        delivered.putIfAbsent(leg, next);
    }

    /** A leg leaves: nothing more is waited for from it. */
    synchronized void leave(LegId leg) {
        delivered.remove(leg);
        flush();
    }

    synchronized void frame(LegId leg, short[] samples) {
        Long index = delivered.get(leg);
        if (index == null) {
            return;
        }
        long at = Math.max(index, next); // a late leg's frame counts as the next one handed on
        int[] sum = sums[(int) (at % RING)];
        for (int i = 0; i < FRAME; i++) {
            sum[i] += samples[i];
        }
        delivered.put(leg, at + 1);
        flush();
    }

    private void flush() {
        if (delivered.isEmpty()) {
            return;
        }
        long slowest = Long.MAX_VALUE;
        long fastest = Long.MIN_VALUE;
        for (long index : delivered.values()) {
            slowest = Math.min(slowest, index);
            fastest = Math.max(fastest, index);
        }
        while (next < slowest || fastest - next > LAG) {
            int[] sum = sums[(int) (next % RING)];
            for (int i = 0; i < FRAME; i++) {
                frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum[i]));
                sum[i] = 0;
            }
            next++;
            out.accept(frame);
        }
    }
}
