package io.switchboard.application.service;

import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.CALLER_ID;
import static io.switchboard.application.fakes.CallFixtures.CAROL;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.CallFixtures.anInvitation;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class ParticipantServiceTest {

    private static final Optional<String> INVITE_CTX = Optional.of("invite-ctx");
    private static final Optional<String> REMOVE_CTX = Optional.of("remove-ctx");

    private final TestCore core = new TestCore();

    @Test
    void dialsInviteesWithTheCallsCallerIdWhenTheCommandHasNone() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        List<Participant> invited = result(core.useCases().inviteParticipants()
                .inviteParticipants(anInvitation(call.id(), CAROL)));

        // then
        assertThat(invited).singleElement().satisfies(carol -> {
            assertThat(carol.identifier()).isEqualTo(CAROL);
            assertThat(carol.state()).isEqualTo(ParticipantState.CONNECTING);
            assertThat(carol.invited()).isTrue();
            assertThat(carol.operationContext()).isEqualTo(INVITE_CTX);
        });
        assertThat(core.telephony.dialled()).containsExactly(new DialRequest(call.id(), invited.get(0).leg(), CAROL,
                Optional.of(CALLER_ID), Duration.ofSeconds(30)));
    }

    @Test
    void dialsInviteesWithTheCallerIdAndRingTimeoutTheCommandAsksFor() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PhoneNumberIdentifier helpdesk = new PhoneNumberIdentifier("+18005550199");
        InviteParticipantsCommand command = new InviteParticipantsCommand(call.id(), List.of(CAROL),
                Optional.of(helpdesk), INVITE_CTX, Optional.of(Duration.ofSeconds(5)));

        // when
        List<Participant> invited = result(core.useCases().inviteParticipants().inviteParticipants(command));

        // then
        assertThat(core.telephony.dialled()).containsExactly(new DialRequest(call.id(), invited.get(0).leg(), CAROL,
                Optional.of(helpdesk), Duration.ofSeconds(5)));
    }

    @Test
    void reportsAnInviteeThatAnswered() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        Participant carol = result(core.useCases().inviteParticipants()
                .inviteParticipants(anInvitation(call.id(), CAROL))).get(0);

        // when
        core.telephonyEvents().legAnswered(carol.leg());

        // then
        Participant alice = core.participant(call.id(), ALICE.rawId());
        assertThat(core.events.events()).containsExactly(
                new AddParticipantSucceeded(call.id(), INVITE_CTX, carol.connected()),
                new ParticipantsUpdated(call.id(), 2, List.of(alice, carol.connected())));
    }

    @Test
    void reportsAnInviteeNoNetworkReachesAtOnce() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        UnknownIdentifier stranger = new UnknownIdentifier("99:stranger");

        // when
        Participant invitee = result(core.useCases().inviteParticipants()
                .inviteParticipants(anInvitation(call.id(), stranger))).get(0);

        // then
        assertThat(core.telephony.dialled()).isEmpty();
        assertThat(core.events.events()).containsExactly(new AddParticipantFailed(call.id(), INVITE_CTX, invitee,
                ResultInformation.unreachable("No route to 99:stranger.")));
        assertThat(core.call(call.id()).participants()).extracting(Participant::identifier).containsExactly(ALICE);
    }

    @Test
    void rejectsAnInvitationIntoACallThatIsNotConnectedYet() {
        // given
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE)));
        core.telephony.clear();

        // when
        Throwable refused = failure(core.useCases().inviteParticipants()
                .inviteParticipants(anInvitation(call.id(), CAROL)));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED));
        assertThat(core.telephony.dialled()).isEmpty();
    }

    @Test
    void hangsUpTheLegOfTheParticipantRemoved() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB));
        Participant bob = core.participant(call.id(), BOB.rawId());

        // when
        Participant removing = result(core.useCases().removeParticipant().removeParticipant(
                new RemoveParticipantCommand(call.id(), BOB.rawId(), REMOVE_CTX)));

        // then
        assertThat(removing).isEqualTo(bob.removing(REMOVE_CTX));
        assertThat(core.telephony.hungUp()).containsExactly(bob.leg());
        assertThat(core.events.events()).isEmpty();
    }

    @Test
    void reportsTheRemovalOnceTheLegHasEnded() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB));
        Participant bob = core.participant(call.id(), BOB.rawId());
        Participant removing = result(core.useCases().removeParticipant().removeParticipant(
                new RemoveParticipantCommand(call.id(), bob.id().value(), REMOVE_CTX)));

        // when
        core.telephonyEvents().legEnded(bob.leg(), ResultInformation.HUNG_UP_BY_APPLICATION);

        // then
        Participant alice = core.participant(call.id(), ALICE.rawId());
        assertThat(core.events.events()).containsExactly(
                new RemoveParticipantSucceeded(call.id(), REMOVE_CTX, removing),
                new ParticipantsUpdated(call.id(), 3, List.of(alice)));
    }

    @Test
    void rejectsRemovingAParticipantNotInTheCallWithoutHangingUp() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        Throwable refused = failure(core.useCases().removeParticipant().removeParticipant(
                new RemoveParticipantCommand(call.id(), CAROL.rawId(), REMOVE_CTX)));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PARTICIPANT_NOT_FOUND));
        assertThat(core.telephony.hungUp()).isEmpty();
    }
}
