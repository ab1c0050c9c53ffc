package io.switchboard.domain.media;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DtmfOptionsTest {

    @Test
    void acceptsNoInitialSilenceAsAcsDoes() {
        DtmfOptions options = new DtmfOptions(1, Set.of(), Duration.ofSeconds(2), Duration.ZERO);

        assertThat(options.initialSilenceTimeout()).isZero();
    }

    @Test
    void rejectsAZeroInterToneTimeoutNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DtmfOptions(1, Set.of(), Duration.ZERO, Duration.ofSeconds(5)))
                .withMessage("interToneTimeoutInSeconds: 0 (expected: a positive number)");
    }

    @Test
    void rejectsMoreTonesThanItCollects() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DtmfOptions(31, Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .withMessageStartingWith("maxTonesToCollect: 31");
    }
}
