package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.PROMPT;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.CallFixtures.aPromptFor;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class TelephonyEventServiceTest {

    private final TestCore core = new TestCore();

    @Test
    void connectsTheCallWhenATargetAnswers() {
        // given
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE)));
        Participant alice = call.participants().get(0);
        core.events.clear();

        // when
        core.telephonyEvents().legAnswered(alice.leg());

        // then
        assertThat(core.events.events()).containsExactly(
                new CallConnectionStateChanged(call.id(), call.serverCallId(), CallState.CONNECTED, false,
                        ResultInformation.CONNECTED),
                new ParticipantsUpdated(call.id(), 1, List.of(alice.connected())));
    }

    @Test
    void reportsKeyPressesOfConnectedParticipants() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        Participant alice = call.participants().get(0);

        // when
        core.telephonyEvents().toneReceived(alice.leg(), Tone.SEVEN);
        core.telephonyEvents().toneReceived(alice.leg(), Tone.STAR);

        // then
        assertThat(core.events.events()).containsExactly(
                new ToneReceived(call.id(), alice, Tone.SEVEN, 1),
                new ToneReceived(call.id(), alice, Tone.STAR, 2));
    }

    @Test
    void disconnectsWhenTheLastParticipantHangsUp() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        core.telephonyEvents().legEnded(call.participants().get(0).leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(core.events.events()).containsExactly(new CallConnectionStateChanged(call.id(),
                call.serverCallId(), CallState.DISCONNECTED, true, ResultInformation.REMOTE_HUNG_UP));
        assertThat(core.registry.active()).isEmpty();
    }

    @Test
    void stopsTheRunningPlaybackWhenTheCallEnds() {
        // given
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 50));
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        core.telephonyEvents().legEnded(call.participants().get(0).leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(core.telephony.stopped()).containsExactly(play.id());
    }

    @Test
    void keepsThePlaybackRunningWhileParticipantsRemain() {
        // given
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 50));
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB));
        result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        core.telephonyEvents().legEnded(call.participants().get(0).leg(), ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(core.telephony.stopped()).isEmpty();
    }

    @Test
    void ignoresReportsAboutLegsAndCallsItDoesNotKnow() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        LegId stranger = LegId.of("leg-stranger");

        // when
        core.telephonyEvents().legAnswered(stranger);
        core.telephonyEvents().toneReceived(stranger, Tone.ONE);
        core.telephonyEvents().legEnded(stranger, ResultInformation.REMOTE_HUNG_UP);
        core.telephonyEvents().playEnded(CallConnectionId.of("no-such-call"),
                PlayOperation.Outcome.completed(MediaOperationId.of("op-x")));

        // then
        assertThat(core.events.events()).isEmpty();
        assertThat(core.call(call.id())).isEqualTo(call);
    }

    @Test
    void ignoresReportsAboutLegsOfAnEndedCall() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        LegId alice = call.participants().get(0).leg();
        core.telephonyEvents().legEnded(alice, ResultInformation.REMOTE_HUNG_UP);
        core.events.clear();

        // when
        core.telephonyEvents().toneReceived(alice, Tone.ONE);
        core.telephonyEvents().legEnded(alice, ResultInformation.REMOTE_HUNG_UP);

        // then
        assertThat(core.events.events()).isEmpty();
    }
}
