package io.switchboard.rtp;

/**
 * G.711 µ-law (PCMU) as specified by ITU-T G.711 and implemented by the ITU-T G.191 reference software
 * ({@code ulaw_compress}/{@code ulaw_expand}): negative samples are taken in one's complement before quantising, so
 * a few decision thresholds of negative values differ by one LSB from the common Sun/CCITT "bias 0x84" code.
 *
 * <p>Pure functions; the 64 KiB encode table and 256-entry decode table are built once from the reference
 * algorithm and are read-only, so every method is thread-safe and allocation-free except {@link #encode(short[])}.
 */
public final class MuLaw {

    /** Encoding of a zero sample: what silence looks like on the wire. */
    static final byte SILENCE = (byte) 0xFF;

    private static final CompandingTable TABLE =
            new CompandingTable(sample -> compressReference((short) sample), MuLaw::expandReference);

    private MuLaw() {
    }

    static byte encode(short sample) {
        return TABLE.encode(sample);
    }

    static short decode(byte code) {
        return TABLE.decode(code);
    }

    /** Encodes every sample, padding the last 20 ms frame with silence (length: a multiple of 160). */
    public static byte[] encode(short[] samples) {
        return TABLE.encode(samples);
    }

    /** G.191 {@code ulaw_compress} for one 16-bit sample. */
    static int compressReference(short sample) {
        int absno = sample < 0 ? ((~sample) >> 2) + 33 : (sample >> 2) + 33;
        if (absno > 0x1FFF) {
            absno = 0x1FFF;
        }
        int segno = 1;
        for (int i = absno >> 6; i != 0; i >>= 1) {
            segno++;
        }
        int highNibble = 0x8 - segno;
        int lowNibble = 0xF - ((absno >> segno) & 0xF);
        int code = (highNibble << 4) | lowNibble;
        return sample >= 0 ? code | 0x80 : code;
    }

    /** G.191 {@code ulaw_expand} for one code (0-255). */
    static int expandReference(int code) {
        int sign = code < 0x80 ? -1 : 1;
        int mantissa = ~code;
        int exponent = (mantissa >> 4) & 0x7;
        int segment = exponent + 1;
        mantissa &= 0xF;
        int step = 4 << segment;
        return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
    }
}
