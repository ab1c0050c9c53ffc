package io.switchboard.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The RIFF/WAVE container of recordings: 16-bit little-endian PCM, 8 kHz, one or more interleaved channels, a
 * 44-byte header whose two sizes are rewritten as data is appended, so the file is a valid WAV up to its last
 * update even if the process dies.
 */
final class WavFile {

    static final int HEADER_BYTES = 44;
    static final int SAMPLE_RATE = 8000;
    private static final int RIFF_SIZE_AT = 4;
    private static final int DATA_SIZE_AT = 40;

    private WavFile() {
    }

    /** The header of a file holding {@code dataBytes} of audio. */
    static ByteBuffer header(int channels, long dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes))
                .put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return header.flip();
    }

    /** Rewrites the two sizes for {@code dataBytes} of audio. */
    static void updateSizes(FileChannel file, long dataBytes) throws IOException {
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        file.write(size.putInt(0, (int) (36 + dataBytes)), RIFF_SIZE_AT);
        file.write(size.clear().putInt(0, (int) dataBytes), DATA_SIZE_AT);
    }

    /**
     * Makes the sizes of a WAV file cut short (a crash between two header updates) match what it holds.
     *
     * @return whether the header was changed
     */
    static boolean repair(Path path) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            if (size < HEADER_BYTES) {
                return false;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            file.read(header, 0);
            int frameBytes = Math.max(2, header.getShort(32));
            long data = (size - HEADER_BYTES) / frameBytes * frameBytes;
            if (header.getInt(DATA_SIZE_AT) == data && header.getInt(RIFF_SIZE_AT) == 36 + data) {
                return false;
            }
            updateSizes(file, data);
            file.truncate(HEADER_BYTES + data);
            return true;
        }
    }
}
