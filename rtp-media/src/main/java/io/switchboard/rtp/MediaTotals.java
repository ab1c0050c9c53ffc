package io.switchboard.rtp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's packet counts since start, for metrics. Streams add what they counted about once a second (every
 * {@value RtpStream#FLUSH_TICKS} ticks) and when they close, so the pacer adds to a shared counter 8,000 times a
 * second for 8,000 streams instead of 800,000.
 *
 * <p>Thread-safe.
 */
final class MediaTotals {

    /** RTP packets handed to the kernel. */
    final LongAdder sent = new LongAdder();
    /** RTP packets received from the legs' peers. */
    final LongAdder received = new LongAdder();
    /** RTP packets the peers sent that never arrived (RFC 3550 §6.4.1). */
    final LongAdder lost = new LongAdder();
    /** RTP packets dropped for coming from a source other than the leg's peer (strict RTP). */
    final LongAdder foreign = new LongAdder();
}
