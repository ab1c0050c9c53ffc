package io.switchboard.adapter.sip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads back the 16-bit PCM WAV files recordings write: header fields and one sample array per channel. */
public final class Wav {

    private static final int HEADER_BYTES = 44;

    private Wav() {
    }

    /** The samples of each channel; fails unless the header is RIFF/WAVE at 8 kHz with sizes matching the file. */
    public static short[][] channels(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157 || bytes.getInt(24) != 8000) {
            throw new AssertionError(file + " is no 8 kHz RIFF/WAVE file");
        }
        int channels = bytes.getShort(22);
        int data = bytes.getInt(40);
        if (data != bytes.capacity() - HEADER_BYTES || bytes.getInt(4) != 36 + data) {
            throw new AssertionError(file + ": header sizes " + bytes.getInt(4) + "/" + data + " for "
                    + bytes.capacity() + " bytes");
        }
        int frames = data / 2 / channels;
        short[][] samples = new short[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                samples[c][i] = bytes.getShort(HEADER_BYTES + (i * channels + c) * 2);
            }
        }
        return samples;
    }

    /** The size of the audio the header declares (it is rewritten as the file grows). */
    public static long declaredDataBytes(Path file) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, HEADER_BYTES) < HEADER_BYTES) {
                return 0;
            }
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
    }
}
