package io.switchboard.adapter.speech;

import com.sun.speech.freetts.audio.AudioPlayer;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;

/**
 * FreeTTS's audio output, kept instead of played: the samples of what the voice said, as 16-bit linear PCM at the
 * voice's rate. One per voice, confined to the thread that owns the voice.
 */
final class CapturedAudio implements AudioPlayer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format = new AudioFormat(8000f, 16, 1, true, true);
    private float volume = 1f;

    /** The samples said since the last call, at {@link #rate()}; forgets them. */
    short[] take() {
        byte[] raw = bytes.toByteArray();
        bytes.reset();
        int width = format.getSampleSizeInBits() / 8;
        int channels = Math.max(1, format.getChannels());
        short[] samples = new short[raw.length / (width * channels)];
        for (int i = 0; i < samples.length; i++) {
            int at = i * width * channels;
            int value = width == 1 ? raw[at] << 8 : format.isBigEndian()
                    ? (raw[at] << 8) | (raw[at + 1] & 0xff) : (raw[at + 1] << 8) | (raw[at] & 0xff);
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value * volume)));
        }
        return samples;
    }

    int rate() {
        return Math.round(format.getSampleRate());
    }

    @Override
    public void setAudioFormat(AudioFormat next) {
        format = next;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public boolean write(byte[] audio) {
        return write(audio, 0, audio.length);
    }

    @Override
    public boolean write(byte[] audio, int offset, int size) {
        bytes.write(audio, offset, size);
        return true;
    }

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float next) {
        volume = next;
    }

    @Override
    public void pause() {
        // nothing plays: nothing to pause
    }

    @Override
    public void resume() {
        // nothing plays: nothing to resume
    }

    @Override
    public void reset() {
        // each utterance's samples are taken as a whole
    }

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void begin(int size) {
        // the buffer grows as needed
    }

    @Override
    public boolean end() {
        return true;
    }

    @Override
    public void cancel() {
        bytes.reset();
    }

    @Override
    public void close() {
        bytes.reset();
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {
        // no clock: nothing is played in real time
    }

    @Override
    public void startFirstSampleTimer() {
        // no clock: nothing is played in real time
    }

    @Override
    public void showMetrics() {
        // no metrics
    }
}
