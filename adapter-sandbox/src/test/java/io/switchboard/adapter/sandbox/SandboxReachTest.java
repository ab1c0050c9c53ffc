package io.switchboard.adapter.sandbox;

import io.switchboard.domain.participant.UnknownIdentifier;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.switchboard.adapter.sandbox.SandboxFixtures.FAST;
import static io.switchboard.adapter.sandbox.SandboxFixtures.number;
import static io.switchboard.adapter.sandbox.SandboxFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SandboxReachTest {

    @Test
    void reachesTheSandboxBlockAndSandboxUsersOnly(Vertx vertx) {
        // given
        SandboxTelephony sandbox = SandboxTelephony.create(vertx, new RecordingTelephonyEvents(), FAST);

        // then
        assertThat(sandbox.canReach(number("+15550100001"))).isTrue();
        assertThat(sandbox.canReach(number("+15550109999"))).isTrue();
        assertThat(sandbox.canReach(user("8:acs:sandbox_bob"))).isTrue();
        assertThat(sandbox.canReach(number("+14255550123"))).isFalse();
        assertThat(sandbox.canReach(number("+155501000011"))).isFalse();
        assertThat(sandbox.canReach(user("8:acs:resource_bob"))).isFalse();
        assertThat(sandbox.canReach(new UnknownIdentifier("28:bot"))).isFalse();
        sandbox.close();
    }

    @Test
    void rejectsANegativeDelayNamingIt() {
        // when / then
        assertThatThrownBy(() -> new SandboxConfig(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pressDelay: ");
    }
}
