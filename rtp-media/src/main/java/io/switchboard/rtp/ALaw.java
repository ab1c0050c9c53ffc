package io.switchboard.rtp;

/**
 * G.711 A-law (PCMA) as specified by ITU-T G.711 and implemented by the ITU-T G.191 reference software
 * ({@code alaw_compress}/{@code alaw_expand}), including the even-bit inversion (XOR 0x55).
 *
 * <p>Pure functions over read-only tables built once from the reference algorithm: thread-safe and allocation-free
 * except {@link #encode(short[])}.
 */
final class ALaw {

    /** Encoding of a zero sample: what silence looks like on the wire. */
    static final byte SILENCE = (byte) 0xD5;

    private static final CompandingTable TABLE =
            new CompandingTable(sample -> compressReference((short) sample), ALaw::expandReference);

    private ALaw() {
    }

    static byte encode(short sample) {
        return TABLE.encode(sample);
    }

    static short decode(byte code) {
        return TABLE.decode(code);
    }

    /** Encodes every sample, padding the last 20 ms frame with silence (length: a multiple of 160). */
    static byte[] encode(short[] samples) {
        return TABLE.encode(samples);
    }

    /** G.191 {@code alaw_compress} for one 16-bit sample. */
    static int compressReference(short sample) {
        // One's complement of negatives, then the 12-bit magnitude (G.191 works on the 13 most significant bits).
        int ix = sample < 0 ? (~sample) >> 4 : sample >> 4;
        if (ix > 15) {
            int exponent = 1;
            while (ix > 16 + 15) {
                ix >>= 1;
                exponent++;
            }
            ix -= 16;
            ix += exponent << 4;
        }
        if (sample >= 0) {
            ix |= 0x80;
        }
        return ix ^ 0x55;
    }

    /** G.191 {@code alaw_expand} for one code (0-255). */
    static int expandReference(int code) {
        int ix = (code ^ 0x55) & 0x7F;
        int exponent = ix >> 4;
        int mantissa = ix & 0xF;
        if (exponent > 0) {
            mantissa += 16;
        }
        mantissa = (mantissa << 4) + 0x8;
        if (exponent > 1) {
            mantissa <<= exponent - 1;
        }
        return code > 127 ? mantissa : -mantissa;
    }
}
