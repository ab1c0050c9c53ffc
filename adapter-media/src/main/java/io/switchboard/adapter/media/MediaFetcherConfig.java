package io.switchboard.adapter.media;

import io.switchboard.application.port.out.OutboundPolicy;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of audio fetching. Validated on construction: a bad value throws {@link IllegalArgumentException}
 * naming the field.
 *
 * @param maxFileBytes    the largest body accepted from a media server; a larger one fails the fetch (8536) and its
 *                        download is aborted
 * @param downloadTimeout how long a whole download (connect, redirects, body) may take
 * @param cacheTtl        how long a decoded clip stays cached after it was fetched
 * @param cacheMaxBytes   the budget of the cache in bytes of decoded PCM (2 bytes a sample); least recently used
 *                        clips are evicted beyond it; 0 disables caching
 * @param clock           the source of cache insertion and expiry times
 */
public record MediaFetcherConfig(long maxFileBytes, Duration downloadTimeout, Duration cacheTtl, long cacheMaxBytes,
                                 Clock clock, OutboundPolicy outbound) {

    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);
    public static final long DEFAULT_CACHE_MAX_BYTES = 256L * 1024 * 1024;

    public MediaFetcherConfig {
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes: " + maxFileBytes + " (expected: 1 to 2 GiB)");
        }
        if (downloadTimeout == null || downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("downloadTimeout: " + downloadTimeout
                    + " (expected: positive, e.g. PT10S)");
        }
        if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new IllegalArgumentException("cacheTtl: " + cacheTtl + " (expected: positive, e.g. PT1H)");
        }
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes: " + cacheMaxBytes + " (expected: zero or positive)");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Production defaults: files up to 50 MiB, 10 s a download, clips cached 1 h within 256 MiB, the UTC clock. */
    public static MediaFetcherConfig defaults() {
        return new MediaFetcherConfig(DEFAULT_MAX_FILE_BYTES, DEFAULT_DOWNLOAD_TIMEOUT, DEFAULT_CACHE_TTL,
                DEFAULT_CACHE_MAX_BYTES, Clock.systemUTC(), OutboundPolicy.LOOPBACK);
    }

    public MediaFetcherConfig withMaxFileBytes(long value) {
        return new MediaFetcherConfig(value, downloadTimeout, cacheTtl, cacheMaxBytes, clock, outbound);
    }

    public MediaFetcherConfig withDownloadTimeout(Duration value) {
        return new MediaFetcherConfig(maxFileBytes, value, cacheTtl, cacheMaxBytes, clock, outbound);
    }

    public MediaFetcherConfig withCacheTtl(Duration value) {
        return new MediaFetcherConfig(maxFileBytes, downloadTimeout, value, cacheMaxBytes, clock, outbound);
    }

    public MediaFetcherConfig withCacheMaxBytes(long value) {
        return new MediaFetcherConfig(maxFileBytes, downloadTimeout, cacheTtl, value, clock, outbound);
    }

    public MediaFetcherConfig withClock(Clock value) {
        return new MediaFetcherConfig(maxFileBytes, downloadTimeout, cacheTtl, cacheMaxBytes, value, outbound);
    }

    /** The addresses it may download from. */
    public MediaFetcherConfig withOutbound(OutboundPolicy value) {
        return new MediaFetcherConfig(maxFileBytes, downloadTimeout, cacheTtl, cacheMaxBytes, clock, value);
    }
}
