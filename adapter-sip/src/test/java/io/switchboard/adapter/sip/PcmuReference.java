package io.switchboard.adapter.sip;

/**
 * The classic G.711 µ-law encoder (CCITT/Sun, bias 0x84), independent of the media engine's, to check what reaches
 * the callee. For non-negative samples it agrees bit for bit with the ITU-T G.191 reference the engine follows.
 */
final class PcmuReference {

    private PcmuReference() {
    }

    static byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }

    static byte encode(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        if (s < 0) {
            s = -s;
        }
        s = Math.min(s, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** The classic µ-law decoder: the linear value at the centre of the code's interval. */
    static short decode(byte code) {
        int u = ~code & 0xff;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }
}
