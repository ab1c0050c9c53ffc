package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.switchboard.domain.call.CallState.CONNECTED;
import static io.switchboard.domain.call.CallState.CONNECTING;
import static io.switchboard.domain.call.CallState.DISCONNECTED;
import static io.switchboard.domain.call.CallState.DISCONNECTING;
import static io.switchboard.domain.connection.CallFixtures.CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.CREATED_AT;
import static io.switchboard.domain.connection.CallFixtures.SERVER_CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.aCallDialling;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCallWith;
import static io.switchboard.domain.connection.CallFixtures.aConnectingCall;
import static io.switchboard.domain.connection.CallFixtures.aDisconnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aDisconnectingCall;
import static io.switchboard.domain.connection.CallFixtures.aSetup;
import static io.switchboard.domain.connection.CallFixtures.aSetupRequesting;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static io.switchboard.domain.connection.CallFixtures.participantsUpdated;
import static io.switchboard.domain.connection.CallFixtures.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A call's life: dialling, connecting, participants leaving, hanging up. */
class CallTest {

    private static final ResultInformation BUSY = ResultInformation.busy("486 Busy Here");
    private static final ResultInformation UNAVAILABLE = ResultInformation.unavailable("No answer.");

    @Test
    void announcesANewCallAsConnecting() {
        // when
        Transition created = Call.create(CALL_ID, SERVER_CALL_ID, aSetup(), List.of(alice(), bob()), CREATED_AT);

        // then
        assertThat(created.events()).containsExactly(stateChanged(CONNECTING, false, ResultInformation.CONNECTING));
        assertThat(created.call().state()).isEqualTo(CONNECTING);
        assertThat(created.call().participants()).containsExactly(alice(), bob());
        assertThat(created.call().wasConnected()).isFalse();
        assertThat(created.call().endResult()).isEmpty();
        assertThat(created.call().createdAt()).isEqualTo(CREATED_AT);
    }

    @Test
    void rejectsACallWithoutTargets() {
        // when / then
        assertThatThrownBy(() -> Call.create(CALL_ID, SERVER_CALL_ID, aSetup(), List.of(), CREATED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("targets: ");
    }

    @Test
    void rejectsACallWithMoreTargetsThanACallMayHave() {
        // given
        List<Participant> targets = IntStream.rangeClosed(1, Call.MAX_PARTICIPANTS + 1).mapToObj(i ->
                Participant.target(ParticipantId.of("p-" + i), new PhoneNumberIdentifier("+1425555" + (1000 + i)),
                        LegId.of("leg-" + i))).toList();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> Call.create(CALL_ID, SERVER_CALL_ID, aSetup(), targets, CREATED_AT))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.TOO_MANY_PARTICIPANTS);
    }

    @Test
    void connectsWhenTheFirstTargetAnswers() {
        // given
        Call call = aConnectingCall();

        // when
        Transition answered = call.legAnswered(alice().leg());

        // then
        assertThat(answered.events()).containsExactly(
                stateChanged(CONNECTED, false, ResultInformation.CONNECTED),
                participantsUpdated(1, alice().connected()));
        assertThat(answered.call().state()).isEqualTo(CONNECTED);
        assertThat(answered.call().wasConnected()).isTrue();
        assertThat(answered.call().participants()).containsExactly(alice().connected(), bob());
    }

    @Test
    void announcesNoParticipantsUpdateWhenTheApplicationDidNotAskForIt() {
        // given
        Call call = aCallDialling(aSetupRequesting(RequestedCallEvent.DTMF_RECEIVED), alice(), bob());

        // when
        Transition answered = call.legAnswered(alice().leg());

        // then
        assertThat(answered.events()).containsExactly(stateChanged(CONNECTED, false, ResultInformation.CONNECTED));
    }

    @Test
    void doesNotConnectAgainWhenASecondTargetAnswers() {
        // given
        Call call = aConnectingCall().legAnswered(alice().leg()).call();

        // when
        Transition answered = call.legAnswered(bob().leg());

        // then
        assertThat(answered.events()).containsExactly(participantsUpdated(2, alice().connected(), bob().connected()));
        assertThat(answered.call().state()).isEqualTo(CONNECTED);
    }

    @Test
    void countsParticipantsUpdatesEvenWhenNotAnnouncingThem() {
        // given: sequence numbers say how many updates the call had, whether or not they were sent
        Call call = aCallDialling(aSetupRequesting(), alice(), bob());

        // when
        Call answered = call.legAnswered(alice().leg()).call().legAnswered(bob().leg()).call();

        // then
        assertThat(answered.participantsSequence()).isEqualTo(2);
    }

    @Test
    void ignoresASecondAnswerOfTheSameLeg() {
        // given
        Call call = aConnectingCall().legAnswered(alice().leg()).call();

        // when
        Transition again = call.legAnswered(alice().leg());

        // then
        assertThat(again.events()).isEmpty();
        assertThat(again.call()).isEqualTo(call);
    }

    @Test
    void ignoresReportsAboutLegsItDoesNotHave() {
        // given
        Call call = aConnectingCall();

        // when
        Transition answered = call.legAnswered(LegId.of("leg-stranger"));
        Transition ended = call.legEnded(LegId.of("leg-stranger"), BUSY);

        // then
        assertThat(answered.events()).isEmpty();
        assertThat(answered.call()).isEqualTo(call);
        assertThat(ended.events()).isEmpty();
        assertThat(ended.call()).isEqualTo(call);
    }

    @Test
    void changesNothingWhenATargetFailsWhileAnotherStillRings() {
        // given
        Call call = aConnectingCall();

        // when
        Transition failed = call.legEnded(bob().leg(), BUSY);

        // then
        assertThat(failed.events()).isEmpty();
        assertThat(failed.call().state()).isEqualTo(CONNECTING);
        assertThat(failed.call().participants()).containsExactly(alice());
    }

    @Test
    void disconnectsWithTheLastCauseWhenEveryTargetFails() {
        // given
        Call call = aConnectingCall().legEnded(alice().leg(), BUSY).call();

        // when
        Transition failed = call.legEnded(bob().leg(), UNAVAILABLE);

        // then
        assertThat(failed.events()).containsExactly(stateChanged(DISCONNECTED, false, UNAVAILABLE));
        assertThat(failed.call().state()).isEqualTo(DISCONNECTED);
        assertThat(failed.call().wasConnected()).isFalse();
        assertThat(failed.call().endResult()).contains(UNAVAILABLE);
        assertThat(failed.call().participants()).isEmpty();
    }

    @Test
    void announcesTheRemainingParticipantsWhenOneHangsUp() {
        // given
        Call call = aConnectedCall();

        // when
        Transition left = call.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(left.events()).containsExactly(participantsUpdated(3, bob().connected()));
        assertThat(left.call().state()).isEqualTo(CONNECTED);
    }

    @Test
    void disconnectsWhenTheLastParticipantHangsUp() {
        // given
        Call call = aConnectedCallWith(alice());

        // when
        Transition left = call.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(left.events()).containsExactly(stateChanged(DISCONNECTED, true, ResultInformation.REMOTE_HUNG_UP));
        assertThat(left.call().endResult()).map(ResultInformation::subCode).contains(5001);
    }

    @Test
    void startsDisconnectingWhenTheApplicationHangsUp() {
        // given
        Call call = aConnectedCall();

        // when
        Transition hungUp = call.hangUp();

        // then
        assertThat(hungUp.events())
                .containsExactly(stateChanged(DISCONNECTING, true, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(hungUp.call().state()).isEqualTo(DISCONNECTING);
        assertThat(hungUp.call().participants()).extracting(Participant::state)
                .containsExactly(ParticipantState.LEAVING, ParticipantState.LEAVING);
    }

    @Test
    void disconnectsWithHangUpByTheApplicationOnceTheLastLegHasEnded() {
        // given
        Call call = aDisconnectingCall();

        // when
        Transition first = call.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP);
        Transition last = first.call().legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP);

        // then: no participants update while the whole call goes down
        assertThat(first.events()).isEmpty();
        assertThat(last.events())
                .containsExactly(stateChanged(DISCONNECTED, true, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(last.call().endResult()).map(ResultInformation::subCode).contains(7000);
    }

    @Test
    void hangsUpACallThatNeverConnected() {
        // given
        Call call = aConnectingCall();

        // when
        Transition hungUp = call.hangUp();
        Call afterAlice = hungUp.call().legEnded(alice().leg(), ResultInformation.canceled("CANCEL")).call();
        Transition ended = afterAlice.legEnded(bob().leg(), ResultInformation.canceled("CANCEL"));

        // then
        assertThat(hungUp.events())
                .containsExactly(stateChanged(DISCONNECTING, false, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(ended.events())
                .containsExactly(stateChanged(DISCONNECTED, false, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void ignoresAnAnswerWhileDisconnecting() {
        // given
        Call call = aConnectingCall().hangUp().call();

        // when
        Transition answered = call.legAnswered(alice().leg());

        // then
        assertThat(answered.events()).isEmpty();
        assertThat(answered.call()).isEqualTo(call);
    }

    @Test
    void changesNothingWhenHungUpTwice() {
        // given
        Call call = aDisconnectingCall();

        // when
        Transition again = call.hangUp();

        // then
        assertThat(again.events()).isEmpty();
        assertThat(again.call()).isEqualTo(call);
    }

    @Test
    void rejectsHangUpWhenTheCallHasEnded() {
        // given
        Call call = aDisconnectedCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class).isThrownBy(call::hangUp)
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_TERMINATED);
    }

    @Test
    void ignoresTelephonyReportsAfterTheCallEnded() {
        // given
        Call call = aDisconnectedCall();

        // when
        Transition answered = call.legAnswered(alice().leg());
        Transition ended = call.legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(answered.events()).isEmpty();
        assertThat(ended.events()).isEmpty();
        assertThat(ended.call()).isEqualTo(call);
    }

    @Test
    void findsParticipantsByLegByIdAndByRawId() {
        // given
        Call call = aConnectingCall();

        // when / then
        assertThat(call.participant(bob().leg())).contains(bob());
        assertThat(call.participant("p-bob")).contains(bob());
        assertThat(call.participant("4:+14255550102")).contains(bob());
        assertThat(call.participant("4:+19999999999")).isEqualTo(Optional.empty());
    }
}
