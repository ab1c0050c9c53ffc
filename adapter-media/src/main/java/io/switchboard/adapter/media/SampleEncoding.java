package io.switchboard.adapter.media;

/** How one sample of one channel is stored in a WAV data chunk (little-endian), read in the scale of 16-bit PCM. */
enum SampleEncoding {

    PCM_U8(1) {
        @Override
        float read(byte[] b, int off) {
            return ((b[off] & 0xFF) - 128) * 256f;
        }
    },
    PCM_S16(2) {
        @Override
        float read(byte[] b, int off) {
            return (short) ((b[off] & 0xFF) | b[off + 1] << 8);
        }
    },
    PCM_S24(3) {
        @Override
        float read(byte[] b, int off) {
            return ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | b[off + 2] << 16) / 256f;
        }
    },
    PCM_S32(4) {
        @Override
        float read(byte[] b, int off) {
            return int32(b, off) / 65536f;
        }
    },
    FLOAT_32(4) {
        @Override
        float read(byte[] b, int off) {
            return finite(Float.intBitsToFloat(int32(b, off)) * 32768f);
        }
    },
    FLOAT_64(8) {
        @Override
        float read(byte[] b, int off) {
            long bits = (int32(b, off) & 0xFFFF_FFFFL) | (long) int32(b, off + 4) << 32;
            return finite((float) (Double.longBitsToDouble(bits) * 32768.0));
        }
    },
    ALAW(1) {
        @Override
        float read(byte[] b, int off) {
            return G711.alaw(b[off]);
        }
    },
    ULAW(1) {
        @Override
        float read(byte[] b, int off) {
            return G711.ulaw(b[off]);
        }
    };

    private final int bytes;

    SampleEncoding(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes one sample of one channel takes. */
    int bytes() {
        return bytes;
    }

    abstract float read(byte[] b, int off);

    private static int int32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | b[off + 3] << 24;
    }

    /** NaN becomes silence; infinities saturate later when clipped to 16 bits. */
    private static float finite(float v) {
        return Float.isNaN(v) ? 0f : v;
    }
}
