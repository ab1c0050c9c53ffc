package io.switchboard.rtp;

/**
 * What arrived from one peer, counted as RFC 3550 counts it for a receiver report: packets received, packets lost
 * (expected from the extended highest sequence number, minus received; §6.4.1, A.3) and the interarrival jitter
 * (A.8, in timestamp units, kept scaled by 16 as the RFC's integer form).
 *
 * <p>A jump of more than {@value #MAX_DROPOUT} sequence numbers (the peer restarted its stream, or a new source was
 * learned) starts the count afresh; what was lost before it stays counted.
 *
 * <p>Not thread-safe: confined to the stream's pacer, except {@link #jitterSeconds()}, a moment's value for metrics.
 * Allocates nothing.
 */
final class Reception {

    static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQUENCE_MOD = 1 << 16;
    /** G.711's RTP clock: 8,000 timestamp units a second. */
    private static final int CLOCK_RATE = 8000;
    private static final long NANOS_PER_UNIT = 1_000_000_000L / CLOCK_RATE;
    private static final long MAX_TRANSIT_STEP = 10L * CLOCK_RATE;

    private boolean started;
    private int baseSequence;
    private int maxSequence;
    private long cycles;
    private long received;
    private long lostBefore;
    private boolean haveTransit;
    private int lastTransit;
    /**
     * The jitter scaled by 16. An int, so that another thread never reads half of it; not volatile, as a fence per
     * packet would cost the pacer more than a metric a moment old is worth.
     */
    private int jitter16;

    /** A packet of the peer's stream, in its sequence space; {@code audio} packets also feed the jitter. */
    void packet(int sequence, int timestamp, long arrivalNanos, boolean audio) {
        if (!started) {
            restart(sequence);
        } else {
            int delta = (sequence - maxSequence) & (SEQUENCE_MOD - 1);
            if (delta < MAX_DROPOUT) {
                if (sequence < maxSequence) {
                    cycles += SEQUENCE_MOD; // wrapped around
                }
                maxSequence = sequence;
            } else if (delta <= SEQUENCE_MOD - MAX_MISORDER) {
                lostBefore = lost();
                received = 0;
                restart(sequence);
            }
            // else: a duplicate or a late packet, counted as received
        }
        received++;
        if (audio) {
            jitter(timestamp, arrivalNanos);
        }
    }

    /** Packets received since the stream started (duplicates included, as RFC 3550 counts them). */
    long received() {
        return received;
    }

    /** Packets lost since the stream started; 0 while duplicates outnumber the losses. */
    long lost() {
        if (!started) {
            return lostBefore;
        }
        long expected = cycles + maxSequence - baseSequence + 1;
        return lostBefore + Math.max(0, expected - received);
    }

    /** The interarrival jitter, in seconds. Any thread: a moment's value. */
    double jitterSeconds() {
        return (jitter16 >> 4) / (double) CLOCK_RATE;
    }

    private void restart(int sequence) {
        started = true;
        baseSequence = sequence;
        maxSequence = sequence;
        cycles = 0;
        haveTransit = false;
    }

    private void jitter(int timestamp, long arrivalNanos) {
        int transit = (int) (arrivalNanos / NANOS_PER_UNIT) - timestamp;
        if (haveTransit) {
            // a jump of the peer's timestamps (a new source) counts as 10 s at most, so the sum never overflows
            int d = (int) Math.min(Math.abs((long) (transit - lastTransit)), MAX_TRANSIT_STEP);
            jitter16 += d - ((jitter16 + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }
}
