package io.switchboard.adapter.sip.media;

import io.switchboard.domain.media.AudioClip;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The clip a session is playing and where it is in it. Frames are the shared bytes of {@link EncodedClipCache},
 * copied straight into the outgoing packet.
 *
 * <p>Not thread-safe: confined to the session's pacer thread.
 */
final class Playback {

    private Object id;
    private AudioClip clip;
    private byte[] frames;
    private Codec framesCodec;
    private int offset;
    private boolean loop;

    /** Starts {@code clip}, replacing whatever plays (without reporting the replaced one). */
    void replace(Object id, AudioClip clip, byte[] frames, Codec codec, boolean loop) {
        this.id = id;
        this.clip = clip;
        this.frames = frames;
        this.framesCodec = codec;
        this.offset = 0;
        this.loop = loop;
    }

    /** Stops the playback if it is {@code id}; otherwise does nothing. */
    void stop(Object id) {
        if (this.id != null && this.id.equals(id)) {
            clear();
        }
    }

    boolean playing() {
        return id != null;
    }

    /**
     * Writes the next 160-byte frame at the buffer's position, silence when nothing plays.
     *
     * @return the id of a non-looped playback whose last frame this was, else {@code null}
     */
    Object writeFrame(ByteBuffer buf, Codec codec, EncodedClipCache cache) {
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
        Object finished = id;
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
