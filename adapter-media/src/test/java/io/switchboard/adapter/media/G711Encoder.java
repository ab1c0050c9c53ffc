package io.switchboard.adapter.media;

/** The compressing half of the ITU-T G.711 reference algorithm (as in Sun's g711.c), to write test files. */
final class G711Encoder {

    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int[] ULAW_SEGMENT_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};

    private G711Encoder() {
    }

    static byte alaw(short pcm) {
        int value = pcm >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = segment(value, ALAW_SEGMENT_END);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4 | (segment < 2 ? value >> 1 : value >> segment) & 0x0F;
        return (byte) (code ^ mask);
    }

    static byte ulaw(short pcm) {
        int value = pcm >> 2;
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        value = Math.min(value, 8159) + (0x84 >> 2);
        int segment = segment(value, ULAW_SEGMENT_END);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4 | (value >> (segment + 1)) & 0x0F;
        return (byte) (code ^ mask);
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
