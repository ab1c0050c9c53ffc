package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The clip a session is playing and where it is in it. Frames are the shared bytes of {@link EncodedClipCache},
 * copied straight into the outgoing packet; or, in a mix, the clip's linear samples ({@link #readFrame}), for which
 * {@code frames} may be {@code null}.
 *
 * <p>Not thread-safe: confined to the session's pacer thread.
 */
final class Playback {

    private MediaOperationId id;
    private AudioClip clip;
    private byte[] frames;
    private Codec framesCodec;
    private int offset;
    private boolean loop;

    /** Starts {@code clip}, replacing whatever plays (without reporting the replaced one). */
    void replace(MediaOperationId id, AudioClip clip, byte[] frames, Codec codec, boolean loop) {
        this.id = id;
        this.clip = clip;
        this.frames = frames;
        this.framesCodec = codec;
        this.offset = 0;
        this.loop = loop;
    }

    /** Stops the playback if it is {@code id}; otherwise does nothing. */
    void stop(MediaOperationId id) {
        if (this.id != null && this.id.equals(id)) {
            clear();
        }
    }

    /** Stops whatever plays. */
    void stopAny() {
        clear();
    }

    boolean playing() {
        return id != null;
    }

    /**
     * Writes the next 160-byte frame at the buffer's position, silence when nothing plays.
     *
     * @return the id of a non-looped playback whose last frame this was, else {@code null}
     */
    MediaOperationId writeFrame(ByteBuffer buf, Codec codec, EncodedClipCache cache) {
        if (id == null) {
            buf.put(codec.silenceFrame());
            return null;
        }
        if (framesCodec != codec) {
            // The codec changed under a playback (re-INVITE): rare, so re-encoding on the pacer is acceptable.
            frames = cache.encoded(clip, codec);
            framesCodec = codec;
        }
        buf.put(frames, offset, Codec.FRAME_BYTES);
        offset += Codec.FRAME_BYTES;
        if (offset < frames.length) {
            return null;
        }
        if (loop) {
            offset = 0;
            return null;
        }
        MediaOperationId finished = id;
        clear();
        return finished;
    }

    /**
     * Writes the next frame of the clip as linear samples into {@code dst} (160 of them, zero after the clip's end),
     * without encoding: the path of a playback heard through a {@link Mix}. Advances like {@link #writeFrame}.
     *
     * @return the id of a non-looped playback whose last frame this was, else {@code null}
     */
    MediaOperationId readFrame(int[] dst) {
        if (id == null) {
            java.util.Arrays.fill(dst, 0, Codec.FRAME_BYTES, 0);
            return null;
        }
        short[] samples = clip.samples();
        int n = Math.max(0, Math.min(Codec.FRAME_BYTES, samples.length - offset));
        for (int i = 0; i < n; i++) {
            dst[i] = samples[offset + i];
        }
        java.util.Arrays.fill(dst, n, Codec.FRAME_BYTES, 0);
        offset += Codec.FRAME_BYTES;
        if (offset < Codec.paddedLength(samples.length)) {
            return null;
        }
        if (loop) {
            offset = 0;
            return null;
        }
        MediaOperationId finished = id;
        clear();
        return finished;
    }

    private void clear() {
        id = null;
        clip = null;
        frames = null;
        framesCodec = null;
        offset = 0;
    }

    @Override
    public String toString() {
        return "Playback[" + Objects.toString(id, "none") + "]";
    }
}
