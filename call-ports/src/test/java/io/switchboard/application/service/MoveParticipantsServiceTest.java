package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeTelephony.Move;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.MoveParticipantsCommand;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.MoveParticipantFailed;
import io.switchboard.domain.event.MoveParticipantSucceeded;
import io.switchboard.domain.participant.Participant;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class MoveParticipantsServiceTest {

    private static final Optional<String> MOVE_CTX = Optional.of("move-ctx");

    private final TestCore core = new TestCore();

    private MoveParticipantsCommand move(Call into, Call from, String... participants) {
        return new MoveParticipantsCommand(into.id(), from.id(), List.of(participants), MOVE_CTX, Optional.empty());
    }

    @Test
    void movesAParticipantWithItsLegAndEndsTheCallItLeftEmpty() {
        // given
        Call agent = core.aConnectedCall(aCallTo(ALICE));
        Call lobby = core.aConnectedCall(aCallTo(BOB));
        Participant bob = core.participant(lobby.id(), BOB.rawId());

        // when
        List<Participant> after = result(core.useCases().callControl().move().moveParticipants(
                move(agent, lobby, BOB.rawId())));

        // then
        assertThat(after).extracting(Participant::identifier).containsExactly(ALICE, BOB);
        assertThat(core.telephony.moves()).containsExactly(new Move(bob.leg(), agent.id()));
        assertThat(core.telephony.hungUp()).isEmpty();
        assertThat(core.call(lobby.id()).state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(core.events.events()).filteredOn(CallConnectionStateChanged.class::isInstance)
                .singleElement().satisfies(e -> assertThat(e.callId()).isEqualTo(lobby.id()));
        assertThat(core.events.events()).filteredOn(MoveParticipantSucceeded.class::isInstance).singleElement()
                .isEqualTo(new MoveParticipantSucceeded(agent.id(), bob.movedIn(), lobby.id(), MOVE_CTX,
                        OperationCallback.OWN));
        // the leg now reports to the call it joined
        core.telephonyEvents().legEnded(bob.leg(), ResultInformation.REMOTE_HUNG_UP);
        assertThat(core.call(agent.id()).participants()).extracting(Participant::identifier)
                .containsExactly(ALICE);
    }

    @Test
    void aLegTelephonyCannotMoveStaysWhereItWasAndTheMoveIsReportedFailed() {
        // given
        Call agent = core.aConnectedCall(aCallTo(ALICE));
        Call lobby = core.aConnectedCall(aCallTo(BOB));
        core.telephony.cannotMove(core.participant(lobby.id(), BOB.rawId()).leg());

        // when
        result(core.useCases().callControl().move().moveParticipants(move(agent, lobby, BOB.rawId())));

        // then
        assertThat(core.telephony.moves()).isEmpty();
        assertThat(core.call(lobby.id()).connectedParticipants()).extracting(Participant::identifier)
                .containsExactly(BOB);
        assertThat(core.events.events()).singleElement().isInstanceOfSatisfying(MoveParticipantFailed.class,
                e -> assertThat(e.participant()).isEqualTo(BOB));
    }

    @Test
    void refusesAParticipantTheOtherCallDoesNotHaveAndMovesNobody() {
        // given
        Call agent = core.aConnectedCall(aCallTo(ALICE));
        Call lobby = core.aConnectedCall(aCallTo(BOB));

        // when
        Throwable refused = failure(core.useCases().callControl().move().moveParticipants(
                move(agent, lobby, BOB.rawId(), "4:+15550009999")));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PARTICIPANT_NOT_FOUND));
        assertThat(core.telephony.moves()).isEmpty();
        assertThat(core.call(lobby.id()).connectedParticipants()).hasSize(1);
        assertThat(core.events.events()).isEmpty();
    }

    @Test
    void refusesAMoveIntoACallThatIsNotConnected() {
        // given
        Call lobby = core.aConnectedCall(aCallTo(BOB));
        Call ringing = result(core.useCases().createCall().createCall(aCallTo(ALICE)));

        // when
        Throwable refused = failure(core.useCases().callControl().move().moveParticipants(
                move(ringing, lobby, BOB.rawId())));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED));
        assertThat(core.call(lobby.id()).connectedParticipants()).hasSize(1);
    }
}
