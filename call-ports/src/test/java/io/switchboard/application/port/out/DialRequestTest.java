package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DialRequestTest {

    @Test
    void refusesARingTimeoutThatIsNotPositiveNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DialRequest(CallConnectionId.of("c"),
                        LegId.of("l"), new PhoneNumberIdentifier("+14255550123"), Optional.empty(), Duration.ZERO))
                .withMessage("ringTimeout: PT0S (expected: a positive duration)");
    }
}
