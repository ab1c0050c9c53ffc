package io.switchboard.adapter.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes WAV files for tests: samples are doubles in [-1, 1], one array per channel. */
final class WavBuilder {

    enum Kind { U8, S16, S24, S32, S24_IN_32, F32, F64, ALAW, ULAW }

    private final Kind kind;
    private final int rate;
    private boolean extensible;
    private final List<byte[]> chunksBeforeFmt = new ArrayList<>();
    private final List<byte[]> chunksBeforeData = new ArrayList<>();
    private long declaredDataSize = -1;

    private WavBuilder(Kind kind, int rate) {
        this.kind = kind;
        this.rate = rate;
    }

    static WavBuilder wav(Kind kind, int rate) {
        return new WavBuilder(kind, rate);
    }

    WavBuilder extensible() {
        this.extensible = true;
        return this;
    }

    WavBuilder chunkBeforeFmt(String id, byte[] body) {
        chunksBeforeFmt.add(chunk(id, body, body.length));
        return this;
    }

    WavBuilder chunkBeforeData(String id, byte[] body) {
        chunksBeforeData.add(chunk(id, body, body.length));
        return this;
    }

    /** Declares a data size other than the one written (e.g. larger: a truncated file). */
    WavBuilder declaredDataSize(long size) {
        this.declaredDataSize = size;
        return this;
    }

    byte[] build(double[]... channels) {
        int frames = channels[0].length;
        int bytes = bytesPerSample();
        ByteBuffer data = ByteBuffer.allocate(frames * channels.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (double[] channel : channels) {
                put(data, channel[i]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        chunksBeforeFmt.forEach(out::writeBytes);
        out.writeBytes(chunk("fmt ", fmt(channels.length), -1));
        chunksBeforeData.forEach(out::writeBytes);
        out.writeBytes(chunk("data", data.array(), declaredDataSize));
        byte[] body = out.toByteArray();
        ByteBuffer riff = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return riff.array();
    }

    static double[] sine(double frequency, int rate, int frames, double amplitude) {
        double[] s = new double[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = amplitude * Math.sin(2 * Math.PI * frequency * i / rate);
        }
        return s;
    }

    private int bytesPerSample() {
        return switch (kind) {
            case U8, ALAW, ULAW -> 1;
            case S16 -> 2;
            case S24 -> 3;
            case S32, S24_IN_32, F32 -> 4;
            case F64 -> 8;
        };
    }

    private int tag() {
        return switch (kind) {
            case F32, F64 -> 3;
            case ALAW -> 6;
            case ULAW -> 7;
            default -> 1;
        };
    }

    private byte[] fmt(int channels) {
        ByteBuffer b = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bytesPerSample();
        b.putShort((short) (extensible ? 0xFFFE : tag())).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) (8 * bytesPerSample()));
        if (extensible) {
            int validBits = kind == Kind.S24_IN_32 ? 24 : 8 * bytesPerSample();
            b.putShort((short) 22).putShort((short) validBits).putInt(channels == 2 ? 3 : 4)
                    .putShort((short) tag())
                    .put(new byte[]{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                            0x38, (byte) 0x9B, 0x71});
        }
        return b.array();
    }

    private void put(ByteBuffer b, double x) {
        switch (kind) {
            case U8 -> b.put((byte) (Math.round(x * 127) + 128));
            case S16 -> b.putShort((short) Math.round(x * 32767));
            case S24 -> {
                int v = (int) Math.round(x * 8_388_607);
                b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
            }
            case S32 -> b.putInt((int) Math.round(x * 2_147_483_647.0));
            case S24_IN_32 -> b.putInt((int) Math.round(x * 8_388_607) << 8);
            case F32 -> b.putFloat((float) x);
            case F64 -> b.putDouble(x);
            case ALAW -> b.put(G711Encoder.alaw((short) Math.round(x * 32767)));
            case ULAW -> b.put(G711Encoder.ulaw((short) Math.round(x * 32767)));
        }
    }

    /** An RIFF chunk with its pad byte; {@code declaredSize} -1 declares the real size. */
    static byte[] chunk(String id, byte[] body, long declaredSize) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) (declaredSize < 0 ? body.length : declaredSize))
                .put(body);
        return b.array();
    }
}
