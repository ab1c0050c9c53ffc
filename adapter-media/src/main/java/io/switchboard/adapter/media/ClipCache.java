package io.switchboard.adapter.media;

import io.switchboard.domain.media.AudioClip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decoded clips by cache key: an entry lives {@code ttl} from its insertion; beyond {@code maxBytes} of PCM (2 bytes a
 * sample) the least recently used entries go. A clip larger than the whole budget is not kept. Thread-safe: fetches
 * arrive from any thread, so every method holds the cache's lock (held briefly, never across I/O).
 */
final class ClipCache {

    private record Entry(AudioClip clip, Instant expiresAt) {
        long bytes() {
            return 2L * clip.samples().length;
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ClipCache(Clock clock, Duration ttl, long maxBytes) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxBytes = maxBytes;
    }

    synchronized Optional<AudioClip> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.clip());
    }

    synchronized void put(String key, AudioClip clip) {
        Entry entry = new Entry(clip, clock.instant().plus(ttl));
        remove(key);
        if (entry.bytes() > maxBytes) {
            return;
        }
        entries.put(key, entry);
        bytes += entry.bytes();
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }
}
