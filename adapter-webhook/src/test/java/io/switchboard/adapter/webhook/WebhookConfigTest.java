package io.switchboard.adapter.webhook;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookConfigTest {

    private static final byte[] KEY = CallEventFixtures.KEY;

    @Test
    void defaultsToTheDocumentedTimings() {
        // when
        WebhookConfig config = WebhookConfig.defaults(KEY);

        // then
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.firstRetryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxRetryDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.retryWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.gaApiVersion()).isEqualTo("2025-05-15");
        assertThat(config.signingKey()).isEqualTo(KEY);
        assertThat(config.toString()).doesNotContain(new String(KEY));
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        // given
        Duration second = Duration.ofSeconds(1);
        Clock clock = Clock.systemUTC();

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookConfig.defaults(new byte[4]))
                .withMessageStartingWith("signingKey:");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebhookConfig(KEY, Duration.ZERO, second, second,
                second, second, "v", clock)).withMessageStartingWith("connectTimeout:");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebhookConfig(KEY, second, null, second,
                second, second, "v", clock)).withMessageStartingWith("responseTimeout:");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebhookConfig(KEY, second, second,
                Duration.ofSeconds(2), second, second, "v", clock)).withMessageStartingWith("maxRetryDelay:");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebhookConfig(KEY, second, second, second,
                second, Duration.ofSeconds(-1), "v", clock)).withMessageStartingWith("retryWindow:");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebhookConfig(KEY, second, second, second,
                second, second, " ", clock)).withMessageStartingWith("gaApiVersion:");
    }

    @Test
    void keepsItsOwnCopyOfTheKey() {
        // given
        byte[] key = KEY.clone();
        WebhookConfig config = WebhookConfig.defaults(key);

        // when
        key[0] = 'X';
        config.signingKey()[1] = 'Y';

        // then
        assertThat(config.signingKey()).isEqualTo(KEY);
    }
}
