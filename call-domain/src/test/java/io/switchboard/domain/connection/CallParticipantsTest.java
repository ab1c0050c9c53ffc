package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.switchboard.domain.call.CallState.CONNECTED;
import static io.switchboard.domain.call.CallState.DISCONNECTED;
import static io.switchboard.domain.connection.CallFixtures.CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.aCallDialling;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCallWith;
import static io.switchboard.domain.connection.CallFixtures.aConnectingCall;
import static io.switchboard.domain.connection.CallFixtures.aDisconnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aSetup;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static io.switchboard.domain.connection.CallFixtures.carolInvited;
import static io.switchboard.domain.connection.CallFixtures.participantsUpdated;
import static io.switchboard.domain.connection.CallFixtures.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Inviting participants into a call and removing them. */
class CallParticipantsTest {

    private static final Optional<String> REMOVAL = Optional.of("remove-ctx");

    @Test
    void addsInviteesToTheCallSilently() {
        // given
        Call call = aConnectedCall();

        // when
        Transition invited = call.invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty());

        // then
        assertThat(invited.events()).isEmpty();
        assertThat(invited.call().participants())
                .containsExactly(alice().connected(), bob().connected(), carolInvited("invite-ctx"));
    }

    @Test
    void rejectsAnInvitationWhenCallIsConnecting() {
        // given
        Call call = aConnectingCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> call.invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty()))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED);
    }

    @Test
    void rejectsAnInvitationWhenCallHasEnded() {
        // given
        Call call = aDisconnectedCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> call.invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty()))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_TERMINATED);
    }

    @Test
    void reportsAnInviteeThatAnsweredWithTheInvitationsContext() {
        // given
        Call call = aConnectedCall().invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty()).call();

        // when
        Transition answered = call.legAnswered(carolInvited("invite-ctx").leg());

        // then
        Participant carol = carolInvited("invite-ctx").connected();
        assertThat(answered.events()).containsExactly(
                new AddParticipantSucceeded(CALL_ID, Optional.of("invite-ctx"), carol),
                participantsUpdated(3, alice().connected(), bob().connected(), carol));
    }

    @Test
    void reportsAnInviteeThatCouldNotBeReachedWithTheCause() {
        // given
        Call call = aConnectedCall().invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty()).call();
        ResultInformation busy = ResultInformation.busy("486 Busy Here");

        // when
        Transition failed = call.legEnded(carolInvited("invite-ctx").leg(), busy);

        // then
        assertThat(failed.events()).containsExactly(
                new AddParticipantFailed(CALL_ID, Optional.of("invite-ctx"), carolInvited("invite-ctx"), busy));
        assertThat(failed.call().participants()).containsExactly(alice().connected(), bob().connected());
        assertThat(failed.call().state()).isEqualTo(CONNECTED);
    }

    @Test
    void acceptsInviteesUpToTheLimit() {
        // given
        Call call = aCallOf(Call.MAX_PARTICIPANTS - 1);

        // when
        Transition invited = call.invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty());

        // then
        assertThat(invited.call().participants()).hasSize(Call.MAX_PARTICIPANTS);
    }

    @Test
    void rejectsInviteesBeyondTheLimit() {
        // given
        Call call = aCallOf(Call.MAX_PARTICIPANTS);

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> call.invite(List.of(carolInvited("invite-ctx")), Optional.empty(), Optional.empty()))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.TOO_MANY_PARTICIPANTS);
    }

    @Test
    void startsRemovingAParticipantFoundById() {
        // given
        Call call = aConnectedCall();

        // when
        Transition removing = call.removeParticipant("p-alice", REMOVAL, OperationCallback.OWN);

        // then
        assertThat(removing.events()).isEmpty();
        assertThat(removing.call().participants()).containsExactly(alice().connected().removing(REMOVAL),
                bob().connected());
    }

    @Test
    void startsRemovingAParticipantFoundByRawId() {
        // given
        Call call = aConnectedCall();

        // when
        Transition removing = call.removeParticipant("4:+14255550102", REMOVAL, OperationCallback.OWN);

        // then
        assertThat(removing.call().participant(bob().leg())).map(Participant::state)
                .contains(ParticipantState.REMOVING);
        assertThat(removing.call().participant(alice().leg())).map(Participant::state)
                .contains(ParticipantState.CONNECTED);
    }

    @Test
    void rejectsRemovingAParticipantNotInTheCall() {
        // given
        Call call = aConnectedCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> call.removeParticipant("4:+19999999999", REMOVAL, OperationCallback.OWN))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.PARTICIPANT_NOT_FOUND);
    }

    @Test
    void rejectsRemovingAParticipantWhenCallHasEnded() {
        // given
        Call call = aDisconnectedCall();

        // when / then
        assertThatExceptionOfType(CallAutomationException.class)
                .isThrownBy(() -> call.removeParticipant("p-alice", REMOVAL, OperationCallback.OWN))
                .extracting(CallAutomationException::code).isEqualTo(ErrorCode.CALL_TERMINATED);
    }

    @Test
    void changesNothingWhenRemovingAParticipantTwice() {
        // given
        Call call = aConnectedCall().removeParticipant("p-alice", REMOVAL, OperationCallback.OWN).call();

        // when
        Transition again = call.removeParticipant("p-alice", Optional.of("other-ctx"), OperationCallback.OWN);

        // then
        assertThat(again.events()).isEmpty();
        assertThat(again.call()).isEqualTo(call);
    }

    @Test
    void reportsTheRemovalOnceTheParticipantsLegHasEnded() {
        // given
        Call call = aConnectedCall().removeParticipant("p-alice", REMOVAL, OperationCallback.OWN).call();

        // when
        Transition removed = call.legEnded(alice().leg(), ResultInformation.HUNG_UP_BY_APPLICATION);

        // then
        assertThat(removed.events()).containsExactly(
                new RemoveParticipantSucceeded(CALL_ID, REMOVAL, alice().connected().removing(REMOVAL)),
                participantsUpdated(3, bob().connected()));
        assertThat(removed.call().state()).isEqualTo(CONNECTED);
    }

    @Test
    void endsTheCallAsHungUpByTheApplicationWhenTheLastParticipantIsRemoved() {
        // given
        Call call = aConnectedCallWith(alice()).removeParticipant("p-alice", REMOVAL, OperationCallback.OWN).call();

        // when: whatever the network says, the application ended it
        Transition removed = call.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(removed.events()).containsExactly(
                new RemoveParticipantSucceeded(CALL_ID, REMOVAL, alice().connected().removing(REMOVAL)),
                stateChanged(DISCONNECTED, true, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(removed.call().endResult()).map(ResultInformation::subCode).contains(7000);
    }

    /** A connected call of {@code size} participants, all answered. */
    private static Call aCallOf(int size) {
        Participant[] targets = IntStream.rangeClosed(1, size).mapToObj(i ->
                Participant.target(ParticipantId.of("p-" + i), new PhoneNumberIdentifier("+1425555" + (1000 + i)),
                        LegId.of("leg-" + i))).toArray(Participant[]::new);
        Call call = aCallDialling(aSetup(), targets);
        return call.legAnswered(targets[0].leg()).call();
    }
}
