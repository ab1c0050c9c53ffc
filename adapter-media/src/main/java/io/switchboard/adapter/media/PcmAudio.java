package io.switchboard.adapter.media;

/**
 * Decoded mono audio before resampling.
 *
 * @param samples    one value per frame in the scale of 16-bit PCM (full scale ±32768), not yet clipped
 * @param sampleRate frames per second
 */
record PcmAudio(float[] samples, int sampleRate) {
}
