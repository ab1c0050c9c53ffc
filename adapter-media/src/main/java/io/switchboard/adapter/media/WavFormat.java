package io.switchboard.adapter.media;

/**
 * The parsed {@code fmt } chunk of a RIFF/WAVE file.
 *
 * @param encoding   how each sample is stored
 * @param channels   interleaved channels per frame
 * @param sampleRate frames per second
 */
record WavFormat(SampleEncoding encoding, int channels, int sampleRate) {

    static final int MIN_RATE = 4_000;
    static final int MAX_RATE = 192_000;
    static final int MAX_CHANNELS = 256;

    private static final int PCM = 0x0001;
    private static final int IEEE_FLOAT = 0x0003;
    private static final int ALAW = 0x0006;
    private static final int MULAW = 0x0007;
    private static final int EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID whose first two bytes are a format tag (mmreg.h). */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    /** Bytes of one frame: one sample of each channel. */
    int frameBytes() {
        return channels * encoding.bytes();
    }

    /** Parses {@code length} bytes of a fmt chunk body at {@code off}; throws {@link InvalidAudioException}. */
    static WavFormat parse(byte[] b, int off, int length) {
        if (length < 16) {
            throw new InvalidAudioException("wav: fmt chunk of " + length + " bytes (expected: at least 16)");
        }
        int tag = u16(b, off);
        int channels = u16(b, off + 2);
        long rate = u32(b, off + 4);
        int bits = u16(b, off + 14);
        if (tag == EXTENSIBLE) {
            if (length < 40) {
                throw new InvalidAudioException("wav: extensible fmt chunk of " + length + " bytes (expected: 40)");
            }
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b[off + 26 + i] != GUID_TAIL[i]) {
                    throw new InvalidAudioException("wav: extensible sub-format is not a known GUID (expected: "
                            + "KSDATAFORMAT_SUBTYPE_PCM, _IEEE_FLOAT, _ALAW or _MULAW)");
                }
            }
            tag = u16(b, off + 24);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new InvalidAudioException("wav: " + channels + " channels (expected: 1 to " + MAX_CHANNELS + ")");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new InvalidAudioException("wav: sample rate " + rate + " Hz (expected: " + MIN_RATE + " to "
                    + MAX_RATE + " Hz)");
        }
        return new WavFormat(encoding(tag, bits), channels, (int) rate);
    }

    private static SampleEncoding encoding(int tag, int bits) {
        // Plain PCM may declare e.g. 20 valid bits in 3-byte containers: the container size decides the layout.
        int container = (bits + 7) / 8 * 8;
        SampleEncoding encoding = switch (tag) {
            case PCM -> switch (container) {
                case 8 -> SampleEncoding.PCM_U8;
                case 16 -> SampleEncoding.PCM_S16;
                case 24 -> SampleEncoding.PCM_S24;
                case 32 -> SampleEncoding.PCM_S32;
                default -> null;
            };
            case IEEE_FLOAT -> bits == 32 ? SampleEncoding.FLOAT_32 : bits == 64 ? SampleEncoding.FLOAT_64 : null;
            case ALAW -> bits == 8 ? SampleEncoding.ALAW : null;
            case MULAW -> bits == 8 ? SampleEncoding.ULAW : null;
            default -> throw new InvalidAudioException("wav: format tag " + hex(tag) + " (" + tagName(tag)
                    + ") not supported (expected: PCM, IEEE float, A-law, µ-law or extensible of these)");
        };
        if (encoding == null) {
            throw new InvalidAudioException("wav: " + bits + " bits per sample with format tag " + hex(tag)
                    + " (expected: PCM 8/16/24/32-bit, float 32/64-bit, A-law or µ-law 8-bit)");
        }
        return encoding;
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case 0x0002 -> "MS ADPCM";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MPEG Layer 3";
            case 0x0161, 0x0162 -> "Windows Media Audio";
            default -> "unknown";
        };
    }

    private static String hex(int tag) {
        return String.format("0x%04X", tag);
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int off) {
        return (u16(b, off) | (long) u16(b, off + 2) << 16);
    }
}
