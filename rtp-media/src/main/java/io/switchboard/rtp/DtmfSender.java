package io.switchboard.rtp;

import io.switchboard.domain.media.Tone;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Schedules RFC 4733 §2.5 telephone-event packets, one decision per 20 ms tick.
 *
 * <p>Per tone: {@value #UPDATE_PACKETS} packets with the same timestamp (the event start), the marker bit on the
 * first and the duration growing by 160 (100 ms in all), then the end packet (E bit, final duration) sent
 * {@value #END_PACKETS} times at the update interval (§2.5.1.5), then {@value #GAP_PACKETS} ticks of audio (60 ms)
 * before the next tone. Requests queue up in order.
 *
 * <p>Not thread-safe: confined to the session's pacer thread.
 */
final class DtmfSender {

    static final int UPDATE_PACKETS = 5;
    static final int END_PACKETS = 3;
    static final int GAP_PACKETS = 3;
    static final int SAMPLES_PER_PACKET = 160;

    private record Request(List<Tone> tones, Runnable done) {
    }

    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private Request current;
    private int toneIndex;
    private int step;
    private int gap;
    private int eventTimestamp;
    private Runnable completed;

    /** Queues tones; {@code done} is handed out by {@link #completed()} after the last end packet. */
    void add(List<Tone> tones, Runnable done) {
        if (tones.isEmpty()) {
            throw new IllegalArgumentException("tones: empty (expected: at least one tone)");
        }
        pending.add(new Request(tones, done));
    }

    /**
     * Decides this tick: {@code true} if an event packet is due (read it with the accessors), {@code false} if the
     * tick carries audio.
     *
     * @param clock the stream's RTP timestamp for this tick, which becomes the timestamp of a starting event
     */
    boolean next(int clock) {
        if (gap > 0) {
            gap--;
            return false;
        }
        if (current == null) {
            current = pending.poll();
            if (current == null) {
                return false;
            }
            toneIndex = 0;
            step = 0;
        }
        if (step == 0) {
            eventTimestamp = clock;
        }
        step++;
        return true;
    }

    /** Whether nothing is queued, sent or waited for (the gap after a tone): {@link #next} would say so at once. */
    boolean idle() {
        return current == null && gap == 0 && pending.isEmpty();
    }

    /** Moves on after the packet of this tick was sent; call once after each {@code next} that returned true. */
    void sent() {
        if (step < UPDATE_PACKETS + END_PACKETS) {
            return;
        }
        step = 0;
        gap = GAP_PACKETS;
        if (++toneIndex == current.tones().size()) {
            completed = current.done();
            current = null;
        }
    }

    boolean marker() {
        return step == 1;
    }

    int timestamp() {
        return eventTimestamp;
    }

    int event() {
        return TelephoneEvent.code(current.tones().get(toneIndex));
    }

    boolean end() {
        return step > UPDATE_PACKETS;
    }

    int duration() {
        return Math.min(step, UPDATE_PACKETS) * SAMPLES_PER_PACKET;
    }

    /** The {@code done} of a request whose last end packet was just sent, once; else {@code null}. */
    Runnable completed() {
        Runnable done = completed;
        completed = null;
        return done;
    }
}
