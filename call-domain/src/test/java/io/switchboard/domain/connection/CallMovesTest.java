package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.MoveParticipantFailed;
import io.switchboard.domain.event.MoveParticipantSucceeded;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand.MoveLeg;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCallWith;
import static io.switchboard.domain.connection.CallFixtures.aConnectingCall;
import static io.switchboard.domain.connection.CallFixtures.aDisconnectedCall;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallMovesTest {

    private static final CallConnectionId LOBBY = CallConnectionId.of("lobby");
    private static final OperationCallback NO_CALLBACK = OperationCallback.OWN;

    @Test
    void aParticipantMovedAwayLeavesWithoutBeingHungUp() {
        Call call = aConnectedCall();

        Transition away = call.movedAway(call.movable(bob().id().value()));

        assertThat(away.call().participants()).extracting(Participant::leg).containsExactly(alice().leg());
        assertThat(away.commands()).noneMatch(HangUp.class::isInstance);
        assertThat(away.events()).singleElement().isInstanceOf(ParticipantsUpdated.class);
    }

    @Test
    void theLastParticipantMovedAwayEndsTheCall() {
        Call call = aConnectedCallWith(alice());

        Transition away = call.movedAway(call.movable("4:+14255550101"));

        assertThat(away.call().state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(away.events()).last().isInstanceOfSatisfying(CallConnectionStateChanged.class,
                e -> assertThat(e.result()).isEqualTo(ResultInformation.MOVED));
        assertThat(away.commands()).noneMatch(HangUp.class::isInstance);
    }

    @Test
    void onlyConnectedParticipantsOfConnectedCallsAreMovable() {
        assertThatThrownBy(() -> aConnectingCall().movable(alice().id().value()))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED));
        assertThatThrownBy(() -> aConnectedCall().movable("4:+15550000000"))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PARTICIPANT_NOT_FOUND));
    }

    @Test
    void movedHereTheParticipantIsConnectedReportedAndItsLegCarriedHere() {
        Call lobby = aConnectedCallWith(alice());
        Participant bob = aConnectedCall().movable("4:+14255550102").withMuted(true);

        Transition here = lobby.movedHere(List.of(bob), LOBBY, Optional.of("move-ctx"), NO_CALLBACK);

        assertThat(here.call().connectedParticipants()).extracting(Participant::leg)
                .containsExactly(alice().leg(), bob().leg());
        assertThat(here.call().participant(bob().leg())).get().satisfies(p -> {
            assertThat(p.muted()).isTrue();
            assertThat(p.invited()).isFalse();
        });
        assertThat(here.events()).hasSize(2);
        assertThat(here.events().get(0)).isInstanceOfSatisfying(MoveParticipantSucceeded.class, e -> {
            assertThat(e.fromCall()).isEqualTo(LOBBY);
            assertThat(e.operationContext()).contains("move-ctx");
            assertThat(e.participant().identifier()).isEqualTo(bob().identifier());
        });
        assertThat(here.events().get(1)).isInstanceOfSatisfying(ParticipantsUpdated.class,
                e -> assertThat(e.participants()).hasSize(2));
        assertThat(here.commands()).containsExactly(new MoveLeg(bob().leg(), LOBBY));
    }

    @Test
    void aCallThatEndedMeanwhileRefusesTheMoveAndHangsTheLegUp() {
        Participant bob = aConnectedCall().movable("4:+14255550102");

        Transition here = aDisconnectedCall().movedHere(List.of(bob), LOBBY, Optional.empty(), NO_CALLBACK);

        assertThat(here.events()).singleElement().isInstanceOfSatisfying(MoveParticipantFailed.class,
                e -> assertThat(e.result().subCode()).isEqualTo(8583));
        assertThat(here.commands()).containsExactly(new HangUp(bob().leg()));
    }

    @Test
    void aFullCallHasNoRoom() {
        assertThatThrownBy(() -> aConnectedCall().requireRoomFor(Call.MAX_PARTICIPANTS - 1))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PARTICIPANTS));
    }
}
