package io.switchboard.adapter.webhook;

import io.switchboard.adapter.webhook.RetryPolicy.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(5);
    private static final Duration WINDOW = Duration.ofHours(1);

    @Test
    void retriesOnlyPassingFailures() {
        // given / when / then
        assertThat(RetryPolicy.classify(200)).isEqualTo(Verdict.DELIVERED);
        assertThat(RetryPolicy.classify(204)).isEqualTo(Verdict.DELIVERED);
        assertThat(RetryPolicy.classify(408)).isEqualTo(Verdict.RETRY);
        assertThat(RetryPolicy.classify(429)).isEqualTo(Verdict.RETRY);
        assertThat(RetryPolicy.classify(500)).isEqualTo(Verdict.RETRY);
        assertThat(RetryPolicy.classify(503)).isEqualTo(Verdict.RETRY);
        assertThat(RetryPolicy.classify(400)).isEqualTo(Verdict.GIVE_UP);
        assertThat(RetryPolicy.classify(404)).isEqualTo(Verdict.GIVE_UP);
        assertThat(RetryPolicy.classify(301)).isEqualTo(Verdict.GIVE_UP);
    }

    @Test
    void doublesTheDelayPerFailedAttemptUpToTheCap() {
        // given: the jitter source at its middle, i.e. no jitter
        RetryPolicy policy = new RetryPolicy(FIRST, MAX, WINDOW, () -> 0.5);

        // when / then
        assertThat(policy.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(5, Optional.empty())).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delay(9, Optional.empty())).isEqualTo(Duration.ofSeconds(256));
        assertThat(policy.delay(10, Optional.empty())).isEqualTo(MAX);
        assertThat(policy.delay(10_000, Optional.empty())).isEqualTo(MAX);
    }

    @Test
    void jittersByAtMostTwentyPercent() {
        // given
        RetryPolicy low = new RetryPolicy(FIRST, MAX, WINDOW, () -> 0.0);
        RetryPolicy high = new RetryPolicy(FIRST, MAX, WINDOW, () -> 0.999_999);

        // when / then
        assertThat(low.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(3200));
        assertThat(high.delay(3, Optional.empty())).isBetween(Duration.ofMillis(4790), Duration.ofMillis(4800));
    }

    @Test
    void followsRetryAfterSecondsOn429And503Only() {
        // given
        RetryPolicy policy = new RetryPolicy(FIRST, MAX, WINDOW, () -> 0.5);

        // when
        Optional<Duration> throttled = RetryPolicy.retryAfter(429, "7");
        Optional<Duration> unavailable = RetryPolicy.retryAfter(503, " 2 ");

        // then
        assertThat(throttled).contains(Duration.ofSeconds(7));
        assertThat(unavailable).contains(Duration.ofSeconds(2));
        assertThat(RetryPolicy.retryAfter(500, "7")).isEmpty();
        assertThat(RetryPolicy.retryAfter(429, "Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
        assertThat(RetryPolicy.retryAfter(429, null)).isEmpty();
        assertThat(policy.delay(1, throttled)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Optional.of(Duration.ofDays(1)))).isEqualTo(MAX);
    }

    @Test
    void closesTheWindowOnceItHasPassedSinceAcceptance() {
        // given
        RetryPolicy policy = new RetryPolicy(FIRST, MAX, WINDOW, () -> 0.5);
        Instant accepted = Instant.parse("2026-01-01T00:00:00Z");

        // when / then
        assertThat(policy.windowClosed(accepted, accepted.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(policy.windowClosed(accepted, accepted.plus(WINDOW))).isTrue();
    }
}
