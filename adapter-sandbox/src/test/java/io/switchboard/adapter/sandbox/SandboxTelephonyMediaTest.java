package io.switchboard.adapter.sandbox;

import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.switchboard.adapter.sandbox.SandboxFixtures.CALL;
import static io.switchboard.adapter.sandbox.SandboxFixtures.FAST;
import static io.switchboard.adapter.sandbox.SandboxFixtures.LEG;
import static io.switchboard.adapter.sandbox.SandboxFixtures.dialling;
import static io.switchboard.adapter.sandbox.SandboxFixtures.number;
import static io.switchboard.adapter.sandbox.SandboxFixtures.playing;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SandboxTelephonyMediaTest {

    private static final Duration CLIP = Duration.ofMillis(300);
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
    void playEndsOnceAfterTheClipsDuration() throws InterruptedException {
        // given
        answered("+15550100001");
        long start = System.nanoTime();

        // when
        sandbox.play(playing("op-1", CLIP, false, LEG));

        // then
        assertThat(events.awaitCount(2)).containsExactly(new Answered(LEG), completed("op-1"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(CLIP.toMillis() - 10);
        assertThat(events.settle(QUIET)).hasSize(2);
    }

    @Test
    void phoneThatPressesOnePressesItAfterEachPlayback() throws InterruptedException {
        // given
        answered("+15550100002");
        sandbox.play(playing("op-1", CLIP, false, LEG));
        events.awaitCount(3);

        // when
        sandbox.play(playing("op-2", CLIP, false, LEG));

        // then
        assertThat(events.awaitCount(5)).containsExactly(new Answered(LEG), completed("op-1"), pressedOne(),
                completed("op-2"), pressedOne());
        assertThat(events.settle(QUIET)).hasSize(5);
    }

    @Test
    void loopedPlayRepeatsUntilStoppedAndEndsWithoutAnEvent() throws InterruptedException {
        // given: each round of the loop makes +15550100002 press 1
        answered("+15550100002");
        sandbox.play(playing("op-1", Duration.ofMillis(100), true, LEG));
        events.awaitCount(4);

        // when
        sandbox.stopPlayback(CALL, MediaOperationId.of("op-1"));

        // then
        int afterStop = events.settle(FAST.pressDelay().plus(Duration.ofMillis(50))).size();
        assertThat(events.settle(QUIET)).hasSize(afterStop)
                .doesNotHaveAnyElementsOfTypes(PlayEnded.class)
                .containsOnly(new Answered(LEG), pressedOne());
    }

    @Test
    void stoppedPlayEndsWithoutAnEvent() throws InterruptedException {
        // given
        answered("+15550100002");
        sandbox.play(playing("op-1", CLIP, false, LEG));

        // when
        sandbox.stopPlayback(CALL, MediaOperationId.of("op-1"));

        // then
        assertThat(events.settle(CLIP.plus(QUIET))).containsExactly(new Answered(LEG));
    }

    @Test
    void loopedPlayIsDroppedSilentlyWhenItsLegsEnd() throws InterruptedException {
        // given
        answered("+15550100001");
        sandbox.play(playing("op-1", Duration.ofMillis(100), true, LEG));

        // when
        sandbox.hangUp(LEG);

        // then
        assertThat(events.settle(QUIET))
                .containsExactly(new Answered(LEG), new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void playStillCompletesWhenItsLegEndsMeanwhile() throws InterruptedException {
        // given
        answered("+15550100002");
        sandbox.play(playing("op-1", CLIP, false, LEG));

        // when
        sandbox.hangUp(LEG);

        // then: the leg simply stopped hearing it, so it does not press 1 either
        assertThat(events.awaitCount(3)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION), completed("op-1"));
        assertThat(events.settle(QUIET)).hasSize(3);
    }

    @Test
    void playbackToLegsOfAnotherNetworkIsIgnored() throws InterruptedException {
        // given
        answered("+15550100001");

        // when
        sandbox.play(playing("op-1", Duration.ofMillis(100), false, LegId.of("sip-leg")));

        // then
        assertThat(events.settle(QUIET)).containsExactly(new Answered(LEG));
    }

    @Test
    void playbackToALegStillRingingIsIgnored() throws InterruptedException {
        // given
        sandbox.dial(dialling(number("+15550100408")));

        // when
        sandbox.play(playing("op-1", Duration.ofMillis(100), false, LEG));

        // then
        assertThat(events.settle(QUIET)).isEmpty();
    }

    private void answered(String number) throws InterruptedException {
        sandbox.dial(dialling(number(number)));
        assertThat(events.awaitFirst()).isEqualTo(new Answered(LEG));
    }

    private static PlayEnded completed(String operation) {
        return new PlayEnded(CALL, PlayOperation.Outcome.completed(MediaOperationId.of(operation)));
    }

    private static ToneReceived pressedOne() {
        return new ToneReceived(LEG, Tone.ONE);
    }
}
