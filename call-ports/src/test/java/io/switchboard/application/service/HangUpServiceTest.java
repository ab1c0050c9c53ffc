package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.PROMPT;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.CallFixtures.aPromptFor;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class HangUpServiceTest {

    private final TestCore core = new TestCore();

    @Test
    void hangsUpEveryLegAndDisconnectsOnceTheyHaveEnded() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB));

        // when
        Call hungUp = result(core.useCases().hangUp().hangUp(call.id()));
        call.participants().forEach(p ->
                core.telephonyEvents().legEnded(p.leg(), ResultInformation.HUNG_UP_BY_APPLICATION));

        // then
        assertThat(hungUp.state()).isEqualTo(CallState.DISCONNECTING);
        assertThat(core.telephony.hungUp()).containsExactlyElementsOf(
                call.participants().stream().map(Participant::leg).toList());
        assertThat(core.events.events()).containsExactly(
                new CallConnectionStateChanged(call.id(), call.serverCallId(), CallState.DISCONNECTING, true,
                        ResultInformation.HUNG_UP_BY_APPLICATION),
                new CallConnectionStateChanged(call.id(), call.serverCallId(), CallState.DISCONNECTED, true,
                        ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void hangsUpLegsThatStillRing() {
        // given
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE, BOB)));

        // when
        result(core.useCases().hangUp().hangUp(call.id()));

        // then
        assertThat(core.telephony.hungUp()).containsExactlyElementsOf(
                call.participants().stream().map(Participant::leg).toList());
    }

    @Test
    void stopsAnActivePlayback() {
        // given
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 50));
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        result(core.useCases().hangUp().hangUp(call.id()));

        // then
        assertThat(core.telephony.stopped()).containsExactly(play.id());
    }

    @Test
    void stopsNoPlaybackWhenNothingPlays() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        result(core.useCases().hangUp().hangUp(call.id()));

        // then
        assertThat(core.telephony.stopped()).isEmpty();
    }

    @Test
    void rejectsHangUpOfAnUnknownCall() {
        // when
        Throwable refused = failure(core.useCases().hangUp().hangUp(CallConnectionId.of("no-such-call")));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
    }

    @Test
    void rejectsHangUpOfAnEndedCallWithoutTouchingTheNetwork() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        core.telephonyEvents().legEnded(call.participants().get(0).leg(), ResultInformation.REMOTE_HUNG_UP);
        core.telephony.clear();

        // when
        Throwable refused = failure(core.useCases().hangUp().hangUp(call.id()));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_TERMINATED));
        assertThat(core.telephony.hungUp()).isEmpty();
    }

    @Test
    void leavingAConferenceKeepsItsParticipantsConnectedUntilOnlyOneIsLeft() {
        // given: Alice, Bob and Carol connected
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB, new PhoneNumberIdentifier("+14255550199")));
        core.events.clear();

        // when: the application leaves, then Alice hangs up
        Call left = result(core.useCases().hangUp().leave(call.id()));
        Participant alice = call.participants().get(0);
        core.telephonyEvents().legEnded(alice.leg(), ResultInformation.REMOTE_HUNG_UP);
        boolean othersHungUpAfterAlice = !core.telephony.hungUp().isEmpty();
        Participant bob = call.participants().get(1);
        core.telephonyEvents().legEnded(bob.leg(), ResultInformation.REMOTE_HUNG_UP);

        // then: the application got its disconnected event and nothing after it; Carol, alone, was hung up
        assertThat(left.state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(core.events.events()).containsExactly(new CallConnectionStateChanged(call.id(),
                call.serverCallId(), CallState.DISCONNECTED, true, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(othersHungUpAfterAlice).isFalse();
        assertThat(core.telephony.hungUp()).containsExactly(call.participants().get(2).leg());
    }

    @Test
    void leavingACallWithOneParticipantHangsItUp() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        Call left = result(core.useCases().hangUp().leave(call.id()));

        // then
        assertThat(left.state()).isEqualTo(CallState.DISCONNECTING);
        assertThat(core.telephony.hungUp()).containsExactly(call.participants().get(0).leg());
    }
}
