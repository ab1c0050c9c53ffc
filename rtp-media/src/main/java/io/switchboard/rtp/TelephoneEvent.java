package io.switchboard.rtp;

import io.switchboard.domain.media.Tone;

import java.nio.ByteBuffer;

/**
 * RFC 4733 §2.3 telephone-event payload, 4 bytes at an absolute index: pure functions, no allocation.
 *
 * <pre>
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 * Event codes (RFC 4733 §3.2): 0-9 digits, 10 = *, 11 = #, 12-15 = A-D, 16 = flash ({@link Tone#eventCode()}).
 */
final class TelephoneEvent {

    static final int PAYLOAD_BYTES = 4;
    /** Volume of sent tones: -10 dBm0, a typical DTMF level (RFC 4733 §2.3.4 expresses it as 0 to -63 dBm0). */
    static final int DEFAULT_VOLUME = 10;


    private TelephoneEvent() {
    }

    static void write(ByteBuffer buf, int index, int event, boolean end, int volume, int duration) {
        buf.put(index, (byte) event);
        buf.put(index + 1, (byte) ((end ? 0x80 : 0) | (volume & 0x3F)));
        buf.putShort(index + 2, (short) duration);
    }

    static int event(ByteBuffer buf, int index) {
        return buf.get(index) & 0xFF;
    }

    static boolean end(ByteBuffer buf, int index) {
        return (buf.get(index + 1) & 0x80) != 0;
    }

    static int volume(ByteBuffer buf, int index) {
        return buf.get(index + 1) & 0x3F;
    }

    static int duration(ByteBuffer buf, int index) {
        return buf.getShort(index + 2) & 0xFFFF;
    }

    static int code(Tone tone) {
        return tone.eventCode();
    }

    /** The tone of a DTMF event code, or {@code null} for codes other than 0-16 (e.g. fax tones). */
    static Tone toneOf(int event) {
        return Tone.ofEventCode(event).orElse(null);
    }
}
