package io.switchboard.adapter.media;

import io.switchboard.domain.media.AudioClip;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClipCacheTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void evictsTheLeastRecentlyUsedClipsBeyondTheByteBudget() {
        // given: room for 3 clips of 100 samples (200 bytes each)
        ClipCache cache = new ClipCache(clock, Duration.ofHours(1), 600);
        cache.put("a", clip("a", 100));
        cache.put("b", clip("b", 100));
        cache.put("c", clip("c", 100));
        cache.get("a");

        // when
        cache.put("d", clip("d", 100));

        // then
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("c")).isPresent();
        assertThat(cache.get("d")).isPresent();
        assertThat(cache.bytes()).isEqualTo(600);
    }

    @Test
    void keepsNoClipLargerThanTheWholeBudget() {
        // given
        ClipCache cache = new ClipCache(clock, Duration.ofHours(1), 600);
        cache.put("small", clip("small", 100));

        // when
        cache.put("huge", clip("huge", 301));

        // then
        assertThat(cache.get("huge")).isEmpty();
        assertThat(cache.get("small")).isPresent();
    }

    @Test
    void expiresAClipItsTtlAfterInsertionEvenIfUsedMeanwhile() {
        // given
        ClipCache cache = new ClipCache(clock, Duration.ofMinutes(10), 600);
        cache.put("a", clip("a", 100));
        clock.advance(Duration.ofMinutes(9));
        assertThat(cache.get("a")).isPresent();

        // when
        clock.advance(Duration.ofMinutes(1));

        // then
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void replacingAKeyCountsItsBytesOnce() {
        // given
        ClipCache cache = new ClipCache(clock, Duration.ofHours(1), 600);
        cache.put("a", clip("a", 100));

        // when
        cache.put("a", clip("a", 50));

        // then
        assertThat(cache.bytes()).isEqualTo(100);
        assertThat(cache.size()).isEqualTo(1);
    }

    private static AudioClip clip(String key, int samples) {
        return new AudioClip(key, new short[samples]);
    }
}
