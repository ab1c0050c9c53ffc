package io.switchboard.rtp;

import io.switchboard.domain.media.Tone;

/**
 * Turns received RFC 4733 telephone-event packets into one report per key press.
 *
 * <p>All packets of one event (updates, the end packet sent three times, retransmissions) carry the event's start
 * as RTP timestamp (RFC 4733 §2.5.1), so an event is reported the first time a packet with a newer timestamp is
 * seen: on its first packet, for the lowest latency, or on whichever packet of it survives loss. Packets with the
 * same or an older timestamp (serial-number order, RFC 3550 wrap-around) are duplicates. A new SSRC starts afresh.
 * An event longer than ~8 s split into segments with new timestamps (§2.5.1.3) would be reported again.
 *
 * <p>Not thread-safe: confined to the session's pacer thread.
 */
final class DtmfReceiver {

    private boolean seen;
    private int lastSsrc;
    private int lastTimestamp;

    /** The tone to report for this packet, or {@code null} for a duplicate or an event that is not DTMF. */
    Tone onEvent(int ssrc, int timestamp, int event) {
        if (seen && ssrc == lastSsrc && timestamp - lastTimestamp <= 0) {
            return null;
        }
        seen = true;
        lastSsrc = ssrc;
        lastTimestamp = timestamp;
        return TelephoneEvent.toneOf(event);
    }
}
