package io.switchboard.rtp;

/** The G.711 payload formats of RFC 3551 (static payload types, 8 kHz, 20 ms = 160 samples = 160 bytes). */
enum Codec {
    PCMU(0, MuLaw.SILENCE),
    PCMA(8, ALaw.SILENCE);

    /** Samples (and G.711 bytes) per 20 ms frame. */
    static final int FRAME_BYTES = 160;

    private final int payloadType;
    private final byte silence;
    private final byte[] silenceFrame;

    Codec(int payloadType, byte silence) {
        this.payloadType = payloadType;
        this.silence = silence;
        this.silenceFrame = new byte[FRAME_BYTES];
        java.util.Arrays.fill(silenceFrame, silence);
    }

    int payloadType() {
        return payloadType;
    }

    byte silence() {
        return silence;
    }

    /** One 20 ms frame of silence; shared, never to be written. */
    byte[] silenceFrame() {
        return silenceFrame;
    }

    /**
     * The codec of a payload type.
     *
     * @throws IllegalArgumentException unless 0 (PCMU) or 8 (PCMA)
     */
    static Codec ofPayloadType(int payloadType) {
        return switch (payloadType) {
            case 0 -> PCMU;
            case 8 -> PCMA;
            default -> throw new IllegalArgumentException(
                    "payloadType: " + payloadType + " (expected: 0 PCMU or 8 PCMA)");
        };
    }

    /** Encodes whole frames: the result's length is a multiple of {@link #FRAME_BYTES}, padded with silence. */
    byte[] encode(short[] samples) {
        return this == PCMU ? MuLaw.encode(samples) : ALaw.encode(samples);
    }

    /**
     * Builds both laws' lookup tables now, on the calling thread. Each is built when first used, which takes tens of
     * milliseconds in a fresh JVM; that first use should not be a pacer's, with its streams' packets waiting.
     */
    static void buildTables() {
        MuLaw.encode((short) 0);
        ALaw.encode((short) 0);
    }

    static int paddedLength(int samples) {
        return (samples + FRAME_BYTES - 1) / FRAME_BYTES * FRAME_BYTES;
    }
}
