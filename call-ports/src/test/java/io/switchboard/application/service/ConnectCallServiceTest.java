package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.ConnectCallCommand;
import io.switchboard.application.port.in.ConnectCallUseCase.Connected;
import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.CAROL;
import static io.switchboard.application.fakes.CallFixtures.PROMPT;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.CallFixtures.aPromptFor;
import static io.switchboard.application.fakes.CallFixtures.anInvitation;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectCallServiceTest {

    private static final CallbackTarget SECOND = new CallbackTarget(URI.create("http://127.0.0.1:9/second"),
            EventSchema.GA);

    private final TestCore core = new TestCore();

    private Connected connect(Call call) {
        return result(core.useCases().callControl().connect().connect(new ConnectCallCommand(call.serverCallId(),
                SECOND, Optional.of("second-ctx"))));
    }

    @Test
    void anotherApplicationConnectsByServerCallIdAndGetsItsOwnCallConnected() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        Connected connected = connect(call);

        // then
        assertThat(connected.connection()).isNotEqualTo(call.id());
        assertThat(connected.call().id()).isEqualTo(call.id());
        assertThat(core.events.eventsOf(connected.connection())).singleElement()
                .isInstanceOfSatisfying(CallConnectionStateChanged.class, e -> {
                    assertThat(e.state()).isEqualTo(CallState.CONNECTED);
                    assertThat(e.operationContext()).contains("second-ctx");
                });
        assertThat(core.events.targetsOf(connected.connection())).containsOnly(SECOND);
        assertThat(core.events.eventsOf(call.id())).isEmpty();
    }

    @Test
    void theConnectionControlsTheCallByItsOwnIdAndHearsOfItsParticipants() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        CallConnectionId second = connect(call).connection();
        core.events.clear();

        // when: the second application invites someone through its own connection id
        result(core.useCases().inviteParticipants().inviteParticipants(anInvitation(second, CAROL)));
        core.telephonyEvents().legAnswered(core.participant(call.id(), CAROL.rawId()).leg());

        // then: both applications hear of it, each under its own id; the invitation's result goes to the second alone
        assertThat(core.events.eventsOf(call.id())).filteredOn(ParticipantsUpdated.class::isInstance).hasSize(1);
        assertThat(core.events.eventsOf(second)).filteredOn(ParticipantsUpdated.class::isInstance).hasSize(1);
        assertThat(core.events.eventsOf(second)).filteredOn(AddParticipantSucceeded.class::isInstance).hasSize(1);
        assertThat(core.events.eventsOf(call.id())).filteredOn(AddParticipantSucceeded.class::isInstance).isEmpty();
        assertThat(core.events.targetOfLast(AddParticipantSucceeded.class)).isEqualTo(SECOND);
        assertThat(result(core.useCases().getCall().getCall(second)).id()).isEqualTo(call.id());
    }

    @Test
    void theResultOfAnOperationTheCallsOwnApplicationAskedForIsNotToldToTheConnections() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        CallConnectionId second = connect(call).connection();
        core.events.clear();

        // when: the call's own application invites someone
        result(core.useCases().inviteParticipants().inviteParticipants(anInvitation(call.id(), CAROL)));
        core.telephonyEvents().legAnswered(core.participant(call.id(), CAROL.rawId()).leg());

        // then: the participants changed for both, the invitation succeeded for the one that asked
        assertThat(core.events.eventsOf(second)).filteredOn(ParticipantsUpdated.class::isInstance).hasSize(1);
        assertThat(core.events.eventsOf(second)).filteredOn(AddParticipantSucceeded.class::isInstance).isEmpty();
        assertThat(core.events.eventsOf(call.id())).filteredOn(AddParticipantSucceeded.class::isInstance).hasSize(1);
    }

    @Test
    void anOperationAskedThroughAConnectionWithItsOwnCallbackUriIsToldThereUnderTheConnectionsId() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        CallConnectionId second = connect(call).connection();
        URI own = URI.create("http://127.0.0.1:9/second-operations");
        core.events.clear();

        // when
        result(core.useCases().inviteParticipants().inviteParticipants(new InviteParticipantsCommand(second,
                List.of(CAROL), Optional.empty(), Optional.of("invite-ctx"), Optional.empty(), Optional.of(own))));
        core.telephonyEvents().legAnswered(core.participant(call.id(), CAROL.rawId()).leg());

        // then
        assertThat(core.events.eventsOf(second)).filteredOn(AddParticipantSucceeded.class::isInstance).hasSize(1);
        assertThat(core.events.targetOfLast(AddParticipantSucceeded.class))
                .isEqualTo(new CallbackTarget(own, EventSchema.GA));
        assertThat(core.events.eventsOf(call.id())).filteredOn(AddParticipantSucceeded.class::isInstance).isEmpty();
    }

    @Test
    void theResultOfAnOperationOfAConnectionThatLeftIsToldToNobody() {
        // given: the second application invites someone, then leaves before the invitee answers
        Call call = core.aConnectedCall(aCallTo(ALICE));
        CallConnectionId second = connect(call).connection();
        result(core.useCases().inviteParticipants().inviteParticipants(anInvitation(second, CAROL)));
        result(core.useCases().hangUp().leave(second));
        core.events.clear();

        // when
        core.telephonyEvents().legAnswered(core.participant(call.id(), CAROL.rawId()).leg());

        // then: the call's own application hears of the new participant, not of the other's invitation
        assertThat(core.events.eventsOf(call.id())).filteredOn(ParticipantsUpdated.class::isInstance).hasSize(1);
        assertThat(core.events.events(AddParticipantSucceeded.class)).isEmpty();
    }

    @Test
    void aPlayAConnectionAskedForStopsWhenItLeavesAndFreesTheCallForTheOthers() {
        // given: the second application plays to the call
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 50));
        Call call = core.aConnectedCall(aCallTo(ALICE));
        CallConnectionId second = connect(call).connection();
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(second)));
        core.events.clear();

        // when
        result(core.useCases().hangUp().leave(second));

        // then: its audio stops, untold; the call's own application may play at once
        assertThat(core.telephony.stopped()).containsExactly(play.id());
        assertThat(core.events.events(PlayCanceled.class)).isEmpty();
        assertThat(result(core.useCases().playAudio().playAudio(aPromptFor(call.id()))).status())
                .isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void aConnectionLeavesAloneWhileTheCallGoesOnAndEndsWithTheCall() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        CallConnectionId second = connect(call).connection();
        CallConnectionId third = connect(call).connection();

        // when: the second leaves, then the call's own application hangs up
        result(core.useCases().hangUp().leave(second));
        result(core.useCases().hangUp().hangUp(call.id()));
        core.telephonyEvents().legEnded(core.participant(call.id(), ALICE.rawId()).leg(),
                ResultInformation.HUNG_UP_BY_APPLICATION);

        // then
        assertThat(disconnections(second)).isEqualTo(1);
        assertThat(disconnections(third)).isEqualTo(1);
        assertThat(core.call(call.id()).state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(failure(core.useCases().getCall().getCall(second)))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
    }

    @Test
    void refusesAServerCallIdNoLiveCallHas() {
        Throwable refused = failure(core.useCases().callControl().connect().connect(new ConnectCallCommand(
                "no-such-server-call", SECOND, Optional.empty())));

        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
    }

    private long disconnections(CallConnectionId connection) {
        return core.events.eventsOf(connection).stream().filter(this::disconnected).count();
    }

    private boolean disconnected(CallEvent event) {
        return event instanceof CallConnectionStateChanged changed && changed.state() == CallState.DISCONNECTED;
    }
}
