package io.switchboard.application.service;

import io.switchboard.application.port.out.AudioFeed;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The audio an application streams into one leg, waiting to be played: a bounded ring of 8 kHz samples with one
 * producer (the stream's connection) and one consumer (telephony's media thread), without locks. What does not fit
 * is dropped and counted, so a sender that runs ahead never grows the heap nor stalls anyone. A partial frame at the
 * end is held one tick for the rest, then played padded with silence.
 */
final class FrameQueue implements AudioFeed {

    /** Thirty seconds: an application may send a whole spoken answer at once. */
    static final int CAPACITY = 30 * 8_000;
    private static final int FRAME = 160;

    private short[] ring; // allocated on the first offer: most streams never send audio back
    private volatile long head; // consumer
    private volatile long tail; // producer
    private volatile long clearedTo;
    private volatile short[] published;
    private final AtomicLong dropped = new AtomicLong();
    private int heldTicks; // consumer

    /** Producer: queues samples; those that do not fit are dropped. */
    void offer(short[] samples) {
        if (ring == null) {
            ring = new short[CAPACITY];
            published = ring;
        }
        long start = tail;
        int room = (int) (CAPACITY - (start - head));
        int n = Math.min(room, samples.length);
        for (int i = 0; i < n; i++) {
            ring[(int) ((start + i) % CAPACITY)] = samples[i];
        }
        tail = start + n;
        if (n < samples.length) {
            dropped.addAndGet(samples.length - n);
        }
    }

    /** Producer: drops everything queued (the application's {@code StopAudio}); the consumer skips it at once. */
    void clear() {
        clearedTo = tail;
    }

    /** Samples dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public boolean next(short[] frame) {
        short[] samples = published;
        if (samples == null) {
            return false;
        }
        long from = Math.max(head, clearedTo);
        int queued = (int) (tail - from);
        if (queued <= 0 || queued < FRAME && heldTicks++ < 1) {
            head = from;
            return false;
        }
        heldTicks = 0;
        int n = Math.min(FRAME, queued);
        for (int i = 0; i < n; i++) {
            frame[i] = samples[(int) ((from + i) % CAPACITY)];
        }
        java.util.Arrays.fill(frame, n, FRAME, (short) 0);
        head = from + n;
        return true;
    }
}
