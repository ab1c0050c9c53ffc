package io.switchboard.rtp;

import java.nio.ByteBuffer;

/**
 * RTP fixed header (RFC 3550 §5.1) written to and read from a buffer with absolute indexes: pure functions that
 * neither move the buffer's position nor allocate, so they serve the hot path.
 *
 * <pre>
 *  0                   1                   2                   3
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |                             SSRC                              |
 * </pre>
 */
final class RtpPacket {

    static final int HEADER_BYTES = 12;

    private RtpPacket() {
    }

    /** Writes a 12-byte header (no padding, extension or CSRC) at index 0. */
    static void writeHeader(ByteBuffer buf, boolean marker, int payloadType, int sequence, int timestamp, int ssrc) {
        buf.put(0, (byte) 0x80);
        buf.put(1, (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        buf.putShort(2, (short) sequence);
        buf.putInt(4, timestamp);
        buf.putInt(8, ssrc);
    }

    /**
     * Whether the first {@code length} bytes at index 0 are an RTP packet this engine handles: version 2, at least
     * a fixed header, a payload offset inside the packet, and not RTCP multiplexed on the port (RFC 5761 §4: payload
     * types 64-95). STUN (first two bits 00, RFC 7983) and other noise fail this test.
     */
    static boolean isRtp(ByteBuffer buf, int length) {
        if (length < HEADER_BYTES || (buf.get(0) & 0xC0) != 0x80) {
            return false;
        }
        int pt = payloadType(buf);
        return (pt < 64 || pt > 95) && payloadOffset(buf, length) >= 0;
    }

    static boolean marker(ByteBuffer buf) {
        return (buf.get(1) & 0x80) != 0;
    }

    static int payloadType(ByteBuffer buf) {
        return buf.get(1) & 0x7F;
    }

    static int sequence(ByteBuffer buf) {
        return buf.getShort(2) & 0xFFFF;
    }

    static int timestamp(ByteBuffer buf) {
        return buf.getInt(4);
    }

    static int ssrc(ByteBuffer buf) {
        return buf.getInt(8);
    }

    /** Index of the payload after CSRCs and header extension (RFC 3550 §5.3.1), or -1 if the packet is too short. */
    static int payloadOffset(ByteBuffer buf, int length) {
        int offset = HEADER_BYTES + 4 * (buf.get(0) & 0x0F);
        if ((buf.get(0) & 0x10) != 0) {
            if (offset + 4 > length) {
                return -1;
            }
            offset += 4 + 4 * (buf.getShort(offset + 2) & 0xFFFF);
        }
        return offset <= length - padding(buf, length) ? offset : -1;
    }

    /** Length of the payload (without padding), or -1 if the packet is malformed. */
    static int payloadLength(ByteBuffer buf, int length) {
        int offset = payloadOffset(buf, length);
        return offset < 0 ? -1 : length - padding(buf, length) - offset;
    }

    private static int padding(ByteBuffer buf, int length) {
        return (buf.get(0) & 0x20) != 0 ? buf.get(length - 1) & 0xFF : 0;
    }
}
