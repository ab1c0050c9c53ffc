package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaConfigTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void defaultsToLoopbackPorts10000To29999() {
        MediaConfig config = MediaConfig.defaults();

        assertThat(config).isEqualTo(new MediaConfig("127.0.0.1", 10000, 29999, 2, MINUTE));
        assertThat(config.portCount()).isEqualTo(10_000);
    }

    @Test
    void rejectsInvalidFieldsNamingThem() {
        assertThatThrownBy(() -> new MediaConfig(" ", 20000, 29999, 2, MINUTE)).hasMessageStartingWith("bindHost:");
        assertThatThrownBy(() -> new MediaConfig("127.0.0.1", 20001, 29999, 2, MINUTE))
                .hasMessageStartingWith("portMin: 20001").hasMessageContaining("even");
        assertThatThrownBy(() -> new MediaConfig("127.0.0.1", 80, 29999, 2, MINUTE)).hasMessageStartingWith("portMin:");
        assertThatThrownBy(() -> new MediaConfig("127.0.0.1", 20000, 19998, 2, MINUTE))
                .hasMessageStartingWith("portMax: 19998").hasMessageContaining("non-empty range");
        assertThatThrownBy(() -> new MediaConfig("127.0.0.1", 20000, 70000, 2, MINUTE))
                .hasMessageStartingWith("portMax:");
        assertThatThrownBy(() -> new MediaConfig("127.0.0.1", 20000, 29999, 0, MINUTE))
                .hasMessageStartingWith("pacerThreads:");
        assertThatThrownBy(() -> new MediaConfig("127.0.0.1", 20000, 29999, 2, Duration.ZERO))
                .hasMessageStartingWith("mediaTimeout:");
    }

    @Test
    void acceptsASinglePortRange() {
        assertThat(new MediaConfig("127.0.0.1", 20000, 20000, 1, MINUTE).portCount()).isEqualTo(1);
    }
}
