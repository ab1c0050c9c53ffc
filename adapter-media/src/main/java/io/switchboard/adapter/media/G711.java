package io.switchboard.adapter.media;

/**
 * G.711 expansion of A-law and µ-law code words to 16-bit linear PCM, after the ITU-T G.711 reference algorithm
 * (the segment/quantization layout of G.711 tables 1a and 2a, as in the ITU/Sun reference {@code g711.c}).
 */
final class G711 {

    private static final short[] ALAW = new short[256];
    private static final short[] ULAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALAW[i] = (short) alawToLinear(i);
            ULAW[i] = (short) ulawToLinear(i);
        }
    }

    private G711() {
    }

    static short alaw(int code) {
        return ALAW[code & 0xFF];
    }

    static short ulaw(int code) {
        return ULAW[code & 0xFF];
    }

    /** A-law: even bits are inverted on the line (XOR 0x55); sign bit set means positive. */
    private static int alawToLinear(int code) {
        int a = code ^ 0x55;
        int mantissa = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        int magnitude = switch (segment) {
            case 0 -> mantissa + 8;
            case 1 -> mantissa + 0x108;
            default -> (mantissa + 0x108) << (segment - 1);
        };
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    /** µ-law: all bits are inverted on the line; the bias of 0x84 (132) is removed after expansion. */
    private static int ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }
}
