package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.Test;

import static io.switchboard.domain.connection.CallFixtures.CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.PLAY_ID;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCallWith;
import static io.switchboard.domain.connection.CallFixtures.aConnectingCall;
import static io.switchboard.domain.connection.CallFixtures.aDisconnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aDisconnectingCall;
import static io.switchboard.domain.connection.CallFixtures.aPlay;
import static io.switchboard.domain.connection.CallFixtures.aPlayingCall;
import static io.switchboard.domain.connection.CallFixtures.aSetupRequesting;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Plays, their outcomes and cancellation; key presses. */
class CallMediaTest {

    private static final ResultInformation DOWNLOAD_FAILED = ResultInformation.downloadFailed("404");

    @Test
    void startsAPlayInAConnectedCallSilently() {
        // given
        Call call = aConnectedCall();

        // when
        Transition started = call.startPlay(aPlay());

        // then
        assertThat(started.events()).isEmpty();
        assertThat(started.call().play()).contains(aPlay());
        assertThat(started.call().play()).map(PlayOperation::status).contains(OperationStatus.RUNNING);
    }

    @Test
    void rejectsPlayWhenCallIsConnecting() {
        // given
        Call call = aConnectingCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class).isThrownBy(() -> call.startPlay(aPlay()))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED);
    }

    @Test
    void rejectsPlayWhenCallIsDisconnecting() {
        // given
        Call call = aDisconnectingCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class).isThrownBy(() -> call.startPlay(aPlay()))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED);
    }

    @Test
    void rejectsPlayWhenCallHasEnded() {
        // given
        Call call = aDisconnectedCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class).isThrownBy(() -> call.startPlay(aPlay()))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_TERMINATED);
    }

    @Test
    void rejectsPlayWhileAnotherPlayRuns() {
        // given
        Call call = aPlayingCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> call.startPlay(aPlay(MediaOperationId.of("op-2"))))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.MEDIA_OPERATION_ACTIVE);
    }

    @Test
    void startsANewPlayOnceThePreviousHasEnded() {
        // given
        Call call = aPlayingCall().playEnded(PlayOperation.Outcome.completed(PLAY_ID)).call();

        // when
        Transition started = call.startPlay(aPlay(MediaOperationId.of("op-2")));

        // then
        assertThat(started.call().play()).contains(aPlay(MediaOperationId.of("op-2")));
    }

    @Test
    void reportsACompletedPlay() {
        // given
        Call call = aPlayingCall();

        // when
        Transition ended = call.playEnded(PlayOperation.Outcome.completed(PLAY_ID));

        // then
        PlayOperation completed = aPlay().ended(OperationStatus.COMPLETED, ResultInformation.PLAY_COMPLETED);
        assertThat(ended.events()).containsExactly(new PlayCompleted(CALL_ID, completed));
        assertThat(ended.call().play()).contains(completed);
    }

    @Test
    void reportsAFailedPlayWithItsCause() {
        // given
        Call call = aPlayingCall();

        // when
        Transition ended = call.playEnded(PlayOperation.Outcome.failed(PLAY_ID, DOWNLOAD_FAILED));

        // then
        PlayOperation failed = aPlay().ended(OperationStatus.FAILED, DOWNLOAD_FAILED);
        assertThat(ended.events()).containsExactly(new PlayFailed(CALL_ID, failed, DOWNLOAD_FAILED));
        assertThat(ended.call().play()).contains(failed);
    }

    @Test
    void ignoresTheOutcomeOfAnOperationThatIsNotRunning() {
        // given
        Call call = aPlayingCall();

        // when
        Transition other = call.playEnded(PlayOperation.Outcome.completed(MediaOperationId.of("op-other")));

        // then
        assertThat(other.events()).isEmpty();
        assertThat(other.call()).isEqualTo(call);
    }

    @Test
    void ignoresASecondOutcomeOfTheSamePlay() {
        // given
        Call call = aPlayingCall().playEnded(PlayOperation.Outcome.completed(PLAY_ID)).call();

        // when
        Transition again = call.playEnded(PlayOperation.Outcome.failed(PLAY_ID, DOWNLOAD_FAILED));

        // then
        assertThat(again.events()).isEmpty();
        assertThat(again.call()).isEqualTo(call);
    }

    @Test
    void cancelsTheRunningPlay() {
        // given
        Call call = aPlayingCall();

        // when
        Transition canceled = call.cancelMedia();

        // then
        PlayOperation stopped = aPlay().ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED);
        assertThat(canceled.events()).containsExactly(new PlayCanceled(CALL_ID, stopped));
        assertThat(canceled.call().play()).contains(stopped);
    }

    @Test
    void ignoresTheOutcomeOfACanceledPlay() {
        // given
        Call call = aPlayingCall().cancelMedia().call();

        // when
        Transition late = call.playEnded(PlayOperation.Outcome.completed(PLAY_ID));

        // then
        assertThat(late.events()).isEmpty();
        assertThat(late.call()).isEqualTo(call);
    }

    @Test
    void cancelsNothingWhenNothingPlays() {
        // given
        Call call = aConnectedCall();

        // when
        Transition canceled = call.cancelMedia();

        // then
        assertThat(canceled.events()).isEmpty();
        assertThat(canceled.call()).isEqualTo(call);
    }

    @Test
    void rejectsCancelWhenCallHasEnded() {
        // given
        Call call = aDisconnectedCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class).isThrownBy(call::cancelMedia)
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_TERMINATED);
    }

    @Test
    void reportsKeyPressesNumberedFromOne() {
        // given
        Call call = aConnectedCall();

        // when
        Transition first = call.toneReceived(alice().leg(), Tone.FIVE);
        Transition second = first.call().toneReceived(bob().leg(), Tone.POUND);

        // then
        assertThat(first.events()).containsExactly(new ToneReceived(CALL_ID, alice().connected(), Tone.FIVE, 1));
        assertThat(second.events()).containsExactly(new ToneReceived(CALL_ID, bob().connected(), Tone.POUND, 2));
    }

    @Test
    void reportsNoKeyPressesWhenTheApplicationDidNotAskForThem() {
        // given
        Call call = aConnectedCallWith(aSetupRequesting(RequestedCallEvent.PARTICIPANTS_UPDATED), alice());

        // when
        Transition pressed = call.toneReceived(alice().leg(), Tone.ONE);

        // then
        assertThat(pressed.events()).isEmpty();
    }

    @Test
    void ignoresKeyPressesFromAParticipantNotConnected() {
        // given: Bob still rings
        Call call = aConnectingCall().legAnswered(alice().leg()).call();

        // when
        Transition pressed = call.toneReceived(bob().leg(), Tone.ONE);

        // then
        assertThat(pressed.events()).isEmpty();
        assertThat(pressed.call()).isEqualTo(call);
    }

    @Test
    void ignoresAPlayOutcomeThatArrivesAfterTheCallWasHungUp() {
        // given
        Call hungUp = aPlayingCall().hangUp().call();

        // when
        Transition late = hungUp.playEnded(PlayOperation.Outcome.completed(PLAY_ID));

        // then
        assertThat(late.events()).isEmpty();
        assertThat(hungUp.play()).map(PlayOperation::isActive).contains(false);
    }

    @Test
    void ignoresAPlayFailureThatArrivesAfterTheLastLegEnded() {
        // given
        Call ended = aPlayingCall();
        for (var participant : ended.participants()) {
            ended = ended.legEnded(participant.leg(), ResultInformation.REMOTE_HUNG_UP).call();
        }

        // when
        Transition late = ended.playEnded(PlayOperation.Outcome.failed(PLAY_ID, DOWNLOAD_FAILED));

        // then
        assertThat(ended.state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(late.events()).isEmpty();
    }
}
