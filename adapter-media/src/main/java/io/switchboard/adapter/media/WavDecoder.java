package io.switchboard.adapter.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes a RIFF/WAVE file to mono samples at the file's rate, averaging channels. Unknown chunks (LIST, fact, cue,
 * ...) are skipped wherever they stand, honouring the pad byte after odd-sized chunks (RIFF: chunks are word aligned).
 * A data chunk cut short by the end of the file is decoded as far as it holds whole frames. Pure and stateless.
 */
final class WavDecoder {

    static final String EXPECTED = "expected WAV (RIFF/WAVE): PCM 8/16/24/32-bit, float, A-law or µ-law";

    private WavDecoder() {
    }

    /** Decodes {@code bytes}; throws {@link InvalidAudioException} saying what was found and what is expected. */
    static PcmAudio decode(byte[] bytes) {
        if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
            throw new InvalidAudioException("found " + describe(bytes) + " (" + EXPECTED + ")");
        }
        WavFormat format = null;
        int dataOff = -1;
        int dataLen = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length && (format == null || dataOff < 0)) {
            long size = WavFormat.u32(bytes, pos + 4);
            int body = pos + 8;
            int available = (int) Math.min(size, bytes.length - body);
            if (ascii(bytes, pos, "fmt ")) {
                format = WavFormat.parse(bytes, body, available);
            } else if (ascii(bytes, pos, "data")) {
                dataOff = body;
                dataLen = available;
            }
            long next = body + size + (size & 1);
            if (next > bytes.length) {
                break;
            }
            pos = (int) next;
        }
        if (format == null) {
            throw new InvalidAudioException("wav: fmt chunk missing (expected: RIFF/WAVE with fmt and data chunks)");
        }
        if (dataOff < 0) {
            throw new InvalidAudioException("wav: data chunk missing (expected: RIFF/WAVE with fmt and data chunks)");
        }
        int frames = dataLen / format.frameBytes();
        if (frames == 0) {
            throw new InvalidAudioException("wav: data chunk of " + dataLen + " bytes holds no sample (expected: at "
                    + "least one frame of " + format.frameBytes() + " bytes)");
        }
        return new PcmAudio(mono(bytes, dataOff, frames, format), format.sampleRate());
    }

    private static float[] mono(byte[] bytes, int off, int frames, WavFormat format) {
        SampleEncoding encoding = format.encoding();
        int channels = format.channels();
        int step = encoding.bytes();
        float[] out = new float[frames];
        int p = off;
        for (int i = 0; i < frames; i++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++, p += step) {
                sum += encoding.read(bytes, p);
            }
            out[i] = channels == 1 ? sum : sum / channels;
        }
        return out;
    }

    /** Names what a non-WAV body looks like, for the 8535 message. */
    static String describe(byte[] b) {
        if (b.length == 0) {
            return "an empty body";
        }
        if (ascii(b, 0, "ID3") || b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
            return "MP3 audio";
        }
        if (ascii(b, 0, "OggS")) {
            return "Ogg audio";
        }
        if (ascii(b, 0, "fLaC")) {
            return "FLAC audio";
        }
        if (b.length >= 12 && ascii(b, 0, "RIFF")) {
            return "RIFF of form '" + new String(b, 8, 4, StandardCharsets.ISO_8859_1) + "'";
        }
        String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1).strip()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<html")) {
            return "an HTML page";
        }
        if (head.startsWith("<") || head.startsWith("{") || head.startsWith("[")) {
            return "text (XML or JSON)";
        }
        StringBuilder hex = new StringBuilder("data starting with");
        for (int i = 0; i < Math.min(b.length, 4); i++) {
            hex.append(String.format(" %02X", b[i] & 0xFF));
        }
        return hex.toString();
    }

    private static boolean ascii(byte[] b, int off, String tag) {
        if (off + tag.length() > b.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (b[off + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
