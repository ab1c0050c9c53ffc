package io.switchboard.adapter.sandbox;

import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.Ended;
import io.switchboard.domain.call.ResultInformation;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.switchboard.adapter.sandbox.SandboxFixtures.FAST;
import static io.switchboard.adapter.sandbox.SandboxFixtures.LEG;
import static io.switchboard.adapter.sandbox.SandboxFixtures.dialling;
import static io.switchboard.adapter.sandbox.SandboxFixtures.number;
import static io.switchboard.adapter.sandbox.SandboxFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SandboxTelephonyLegsTest {

    private static final Duration QUIET = Duration.ofMillis(400);

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
    void answeringPhoneAnswersAfterTheAnswerDelayAndStaysUntilHungUp() throws InterruptedException {
        // given
        long start = System.nanoTime();
        sandbox.dial(dialling(number("+15550100001")));
        events.awaitFirst();
        long answeredAfter = millisSince(start);
        assertThat(events.settle(QUIET)).containsExactly(new Answered(LEG));

        // when
        sandbox.hangUp(LEG);

        // then
        assertThat(answeredAfter).isGreaterThanOrEqualTo(FAST.answerDelay().toMillis() - 10);
        assertThat(events.awaitCount(2))
                .containsExactly(new Answered(LEG), new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void selfHangingUpPhoneHangsUpAfterAnswering() throws InterruptedException {
        // given
        long start = System.nanoTime();

        // when
        sandbox.dial(dialling(number("+15550100003")));

        // then
        assertThat(events.awaitCount(2))
                .containsExactly(new Answered(LEG), new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
        assertThat(millisSince(start))
                .isGreaterThanOrEqualTo(FAST.answerDelay().plus(FAST.selfHangUpAfter()).toMillis() - 10);
    }

    @Test
    void busyNumberRejectsTheCallAsBusy() throws InterruptedException {
        // when
        sandbox.dial(dialling(number("+15550100486")));

        // then
        assertThat(events.awaitFirst()).isEqualTo(new Ended(LEG, ResultInformation.busy("486 Busy Here")));
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void unavailableNumberRejectsTheCallAsUnavailable() throws InterruptedException {
        // when
        sandbox.dial(dialling(number("+15550100480")));

        // then
        assertThat(events.awaitFirst())
                .isEqualTo(new Ended(LEG, ResultInformation.unavailable("480 Temporarily Unavailable")));
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void otherSandboxNumbersAreNotFound() throws InterruptedException {
        // when
        sandbox.dial(dialling(number("+15550109999")));

        // then
        assertThat(events.awaitFirst()).isEqualTo(new Ended(LEG,
                ResultInformation.unreachable("404 Not Found: +15550109999 is not a sandbox number")));
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void neverAnsweringNumberEndsAsUnavailableAfterTheRingTimeout() throws InterruptedException {
        // given
        long start = System.nanoTime();

        // when
        sandbox.dial(dialling(number("+15550100408"), Duration.ofSeconds(1)));

        // then
        assertThat(events.awaitFirst())
                .isEqualTo(new Ended(LEG, ResultInformation.unavailable("no answer after 1 s")));
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(990);
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void phoneSlowerThanTheRingTimeoutNeverAnswers() throws InterruptedException {
        // given
        Duration ringTimeout = FAST.answerDelay().dividedBy(2);

        // when
        sandbox.dial(dialling(number("+15550100001"), ringTimeout));

        // then
        assertThat(events.awaitFirst())
                .isEqualTo(new Ended(LEG, ResultInformation.unavailable("no answer after 0.05 s")));
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void sandboxVoipUserAnswersAfterTheAnswerDelay() throws InterruptedException {
        // when
        sandbox.dial(dialling(user("8:acs:sandbox_alice")));

        // then
        assertThat(events.awaitFirst()).isEqualTo(new Answered(LEG));
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void hangingUpWhileRingingCancelsTheLeg() throws InterruptedException {
        // given
        sandbox.dial(dialling(number("+15550100001")));

        // when
        sandbox.hangUp(LEG);

        // then
        assertThat(events.awaitFirst())
                .isEqualTo(new Ended(LEG, ResultInformation.canceled("canceled by the application")));
        assertThat(events.settle(QUIET)).hasSize(1);
    }

    @Test
    void hangingUpTwiceEndsTheLegOnce() throws InterruptedException {
        // given
        sandbox.dial(dialling(number("+15550100001")));
        events.awaitFirst();

        // when
        sandbox.hangUp(LEG);
        sandbox.hangUp(LEG);

        // then
        assertThat(events.awaitCount(2)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(events.settle(QUIET)).hasSize(2);
    }

    @Test
    void hangingUpAfterTheRemotePartyHungUpIsIgnored() throws InterruptedException {
        // given
        sandbox.dial(dialling(number("+15550100003")));
        events.awaitCount(2);

        // when
        sandbox.hangUp(LEG);

        // then
        assertThat(events.settle(QUIET))
                .containsExactly(new Answered(LEG), new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
    }

    @Test
    void hangingUpAnUnknownLegIsIgnored() throws InterruptedException {
        // when
        sandbox.hangUp(LEG);

        // then
        assertThat(events.settle(QUIET)).isEmpty();
    }

    @Test
    void closingEndsEveryLegWithoutReporting() throws InterruptedException {
        // given
        sandbox.dial(dialling(number("+15550100003")));
        events.awaitFirst();

        // when
        sandbox.close();

        // then
        assertThat(events.settle(FAST.selfHangUpAfter().plus(QUIET))).containsExactly(new Answered(LEG));
    }

    @Test
    void reportsEverythingFromOneVertxThread() throws InterruptedException {
        // when
        sandbox.dial(dialling(number("+15550100003")));

        // then
        events.awaitCount(2);
        assertThat(events.threads()).singleElement().asString().contains("eventloop");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
