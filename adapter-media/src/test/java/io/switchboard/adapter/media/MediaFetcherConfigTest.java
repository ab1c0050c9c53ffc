package io.switchboard.adapter.media;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaFetcherConfigTest {

    @Test
    void defaultsToFiftyMebibytesTenSecondsOneHourAnd256MebibytesOfPcm() {
        // when
        MediaFetcherConfig config = MediaFetcherConfig.defaults();

        // then
        assertThat(config.maxFileBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(config.downloadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.cacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.cacheMaxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(config.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        MediaFetcherConfig defaults = MediaFetcherConfig.defaults();

        assertThatThrownBy(() -> defaults.withMaxFileBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxFileBytes: 0");
        assertThatThrownBy(() -> defaults.withDownloadTimeout(Duration.ZERO))
                .hasMessageStartingWith("downloadTimeout: PT0S");
        assertThatThrownBy(() -> defaults.withCacheTtl(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("cacheTtl: PT-1S");
        assertThatThrownBy(() -> defaults.withCacheMaxBytes(-1)).hasMessageStartingWith("cacheMaxBytes: -1");
        assertThatThrownBy(() -> defaults.withClock(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }
}
