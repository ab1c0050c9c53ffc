package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedClipCacheTest {

    private static AudioClip clip(String key, int samples) {
        return new AudioClip(key, new short[samples]);
    }

    @Test
    void encodesAClipOncePerCodecAndSharesTheBytes() {
        EncodedClipCache cache = new EncodedClipCache(1 << 20);
        AudioClip clip = clip("hello", 1000);

        byte[] first = cache.encoded(clip, Codec.PCMU);
        byte[] second = cache.encoded(clip("hello", 1000), Codec.PCMU);
        byte[] alaw = cache.encoded(clip, Codec.PCMA);

        assertThat(second).isSameAs(first);
        assertThat(alaw).isNotSameAs(first).hasSize(1120);
        assertThat(alaw[0]).isEqualTo((byte) 0xD5);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2240);
    }

    @Test
    void evictsTheLeastRecentlyUsedClipWhenOverItsByteBound() {
        EncodedClipCache cache = new EncodedClipCache(1600);
        byte[] a = cache.encoded(clip("a", 800), Codec.PCMU);
        cache.encoded(clip("b", 800), Codec.PCMU);
        cache.encoded(clip("a", 800), Codec.PCMU); // a is now the most recently used

        cache.encoded(clip("c", 800), Codec.PCMU);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(1600);
        assertThat(cache.encoded(clip("a", 800), Codec.PCMU)).isSameAs(a);
    }

    @Test
    void encodesButDoesNotKeepAClipLargerThanTheBound() {
        EncodedClipCache cache = new EncodedClipCache(160);

        byte[] big = cache.encoded(clip("big", 161), Codec.PCMU);

        assertThat(big).hasSize(320);
        assertThat(cache.size()).isZero();
    }
}
