package io.switchboard.application.service;

import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.CALLER_ID;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.CallFixtures.aSetup;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class CreateCallServiceTest {

    private final TestCore core = new TestCore();

    @Test
    void dialsEveryTargetWithTheDefaultRingTimeout() {
        // given
        CommunicationUserIdentifier carol = new CommunicationUserIdentifier("8:acs:res_carol");

        // when
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE, carol)));

        // then
        Participant first = call.participants().get(0);
        Participant second = call.participants().get(1);
        assertThat(core.telephony.dialled()).containsExactly(
                new DialRequest(call.id(), first.leg(), ALICE, Optional.of(CALLER_ID), Duration.ofSeconds(30)),
                new DialRequest(call.id(), second.leg(), carol, Optional.of(CALLER_ID), Duration.ofSeconds(30)));
        assertThat(first.leg()).isNotEqualTo(second.leg());
    }

    @Test
    void dialsWithTheRingTimeoutTheCommandAsksFor() {
        // given
        CreateCallCommand command = new CreateCallCommand(List.of(ALICE), aSetup(), Optional.of(Duration.ofSeconds(12)));

        // when
        result(core.useCases().createCall().createCall(command));

        // then
        assertThat(core.telephony.dialled()).extracting(DialRequest::ringTimeout)
                .containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void announcesAndKeepsTheCallAsConnecting() {
        // when
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE, BOB)));

        // then
        assertThat(call.state()).isEqualTo(CallState.CONNECTING);
        assertThat(core.events.events()).containsExactly(new CallConnectionStateChanged(call.id(),
                call.serverCallId(), CallState.CONNECTING, false, ResultInformation.CONNECTING));
        assertThat(result(core.useCases().getCall().getCall(call.id()))).isEqualTo(call);
    }

    @Test
    void failsATargetNoNetworkReachesAtOnceAsUnreachable() {
        // given
        UnknownIdentifier stranger = new UnknownIdentifier("99:stranger");

        // when
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE, stranger)));

        // then: Alice still rings, the call goes on
        assertThat(core.telephony.dialled()).extracting(DialRequest::target).containsExactly(ALICE);
        assertThat(core.call(call.id()).participants()).extracting(Participant::identifier).containsExactly(ALICE);
        assertThat(core.call(call.id()).state()).isEqualTo(CallState.CONNECTING);
        assertThat(core.events.events()).hasSize(1);
    }

    @Test
    void endsACallWhoseOnlyTargetNoNetworkReaches() {
        // given
        UnknownIdentifier stranger = new UnknownIdentifier("99:stranger");

        // when
        Call call = result(core.useCases().createCall().createCall(aCallTo(stranger)));

        // then
        ResultInformation unreachable = ResultInformation.unreachable("No route to 99:stranger.");
        assertThat(core.telephony.dialled()).isEmpty();
        assertThat(core.events.events()).containsExactly(
                new CallConnectionStateChanged(call.id(), call.serverCallId(), CallState.CONNECTING, false,
                        ResultInformation.CONNECTING),
                new CallConnectionStateChanged(call.id(), call.serverCallId(), CallState.DISCONNECTED, false,
                        unreachable));
        assertThat(unreachable.subCode()).isEqualTo(8544);
        assertThat(core.call(call.id()).state()).isEqualTo(CallState.DISCONNECTED);
    }

    @Test
    void refusesMoreTargetsThanACallMayHaveWithoutDialling() {
        // given
        List<CommunicationIdentifier> targets = IntStream.rangeClosed(1, Call.MAX_PARTICIPANTS + 1)
                .<CommunicationIdentifier>mapToObj(i -> new PhoneNumberIdentifier("+1425555" + (1000 + i)))
                .toList();

        // when
        Throwable refused = failure(core.useCases().createCall().createCall(
                new CreateCallCommand(targets, aSetup(), Optional.empty())));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PARTICIPANTS));
        assertThat(core.telephony.dialled()).isEmpty();
        assertThat(core.events.events()).isEmpty();
        assertThat(core.registry.active()).isEmpty();
    }
}
