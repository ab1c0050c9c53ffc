package io.switchboard.adapter.sandbox;

import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.Answered;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.sandbox.SandboxFixtures.CALL;
import static io.switchboard.adapter.sandbox.SandboxFixtures.LEG;
import static io.switchboard.adapter.sandbox.SandboxFixtures.FAST;
import static io.switchboard.adapter.sandbox.SandboxFixtures.dialling;
import static io.switchboard.adapter.sandbox.SandboxFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sending tones into sandbox legs and transferring them. */
@ExtendWith(VertxExtension.class)
class SandboxTelephonyControlTest {

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private SandboxTelephony sandbox;

    @BeforeEach
    void startSandbox(Vertx vertx) {
        sandbox = SandboxTelephony.create(vertx, events, FAST);
    }

    @AfterEach
    void closeSandbox() {
        sandbox.close();
    }

    @Test
    void anAnsweredPhoneAcceptsTonesAndAnUnknownLegRefusesThem() throws Exception {
        // given
        sandbox.dial(dialling(number("+15550100001")));
        assertThat(events.awaitFirst()).isEqualTo(new Answered(LEG));

        // when / then
        sandbox.sendTones(CALL, LEG, List.of(Tone.ONE, Tone.POUND)).toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThatThrownBy(() -> sandbox.sendTones(CALL, io.switchboard.domain.call.LegId.of("other"),
                List.of(Tone.ONE)).toCompletableFuture().get(2, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("not an answered sandbox leg");
    }

    @Test
    void transfersToAnAnsweringPhoneWithoutReportingTheLegAndFailsForABusyOne() throws Exception {
        // given
        sandbox.dial(dialling(number("+15550100001")));
        assertThat(events.awaitFirst()).isEqualTo(new Answered(LEG));

        // when / then
        assertThatThrownBy(() -> sandbox.transfer(CALL, LEG, number("+15550100486")).toCompletableFuture()
                .get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("Busy");
        sandbox.transfer(CALL, LEG, number("+15550100002")).toCompletableFuture().get(2, TimeUnit.SECONDS);
        sandbox.hangUp(LEG);
        assertThat(events.settle(Duration.ofMillis(300))).containsExactly(new Answered(LEG));
    }
}
