package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * G.711 encodings of clips, shared by every session that plays them: each clip is encoded once per codec.
 * Keyed by {@link AudioClip#key()} and codec; bounded by total bytes, least recently used first out. A clip larger
 * than the bound is encoded but not kept.
 *
 * <p>Thread-safe. Encoding runs outside the lock on the calling thread (callers of {@code MediaSession.play}), so a
 * clip requested by two threads at once may be encoded twice; one result wins. Returned arrays must not be written.
 */
final class EncodedClipCache {

    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private record Key(String clipKey, Codec codec) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    EncodedClipCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
        }
        this.maxBytes = maxBytes;
    }

    /** The clip's frames in {@code codec}, a multiple of 160 bytes, the last frame padded with silence. */
    byte[] encoded(AudioClip clip, Codec codec) {
        Key key = new Key(clip.key(), codec);
        synchronized (this) {
            byte[] cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] encoded = codec.encode(clip.samples());
        synchronized (this) {
            byte[] raced = entries.get(key);
            if (raced != null) {
                return raced;
            }
            if (encoded.length <= maxBytes) {
                entries.put(key, encoded);
                bytes += encoded.length;
                evict();
            }
        }
        return encoded;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    private void evict() {
        Iterator<Map.Entry<Key, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}
