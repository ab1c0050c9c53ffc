package io.switchboard.rtp;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * A G.711 law as lookup tables, built once from its reference compress/expand functions: every 16-bit sample to
 * its code, every code to its sample. Read-only after construction: thread-safe, allocation-free but for
 * {@link #encode(short[])}.
 */
final class CompandingTable {

    private final byte[] encode = new byte[65536];
    private final short[] decode = new short[256];
    private final byte silence;

    CompandingTable(IntUnaryOperator compress, IntUnaryOperator expand) {
        for (int i = 0; i < 65536; i++) {
            encode[i] = (byte) compress.applyAsInt(i - 32768);
        }
        for (int i = 0; i < 256; i++) {
            decode[i] = (short) expand.applyAsInt(i);
        }
        silence = encode[32768];
    }

    /** The code of a zero sample: what silence looks like on the wire. */
    byte silence() {
        return silence;
    }

    byte encode(short sample) {
        return encode[sample + 32768];
    }

    short decode(byte code) {
        return decode[code & 0xFF];
    }

    /** Encodes every sample, padding the last 20 ms frame with silence (length: a multiple of 160). */
    byte[] encode(short[] samples) {
        byte[] out = new byte[Codec.paddedLength(samples.length)];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode[samples[i] + 32768];
        }
        Arrays.fill(out, samples.length, out.length, silence);
        return out;
    }
}
