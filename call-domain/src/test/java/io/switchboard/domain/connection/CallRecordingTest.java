package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.RecordingStateChanged;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.recording.RecordingState;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand.PauseRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StartRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StopRecording;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.switchboard.domain.connection.CallFixtures.CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCallWith;
import static io.switchboard.domain.connection.CallFixtures.aConnectingCall;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallRecordingTest {

    private static final RecordingId RECORDING = RecordingId.of(CALL_ID, "r1");
    private static final Instant AT = Instant.parse("2024-05-01T09:01:00Z");
    private static final URI STATE_CALLBACK = URI.create("https://app.example/recording");

    @Test
    void startsActiveAndTellsTelephonyToRecord() {
        Transition started = aConnectedCall().startRecording(RECORDING, RecordingSpec.mixed(), AT);

        assertThat(started.call().recording(RECORDING).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(started.call().recording(RECORDING).startedAt()).isEqualTo(AT);
        assertThat(started.events()).singleElement().isInstanceOfSatisfying(RecordingStateChanged.class,
                e -> assertThat(e.state()).isEqualTo(RecordingState.ACTIVE));
        assertThat(started.commands()).containsExactly(
                new StartRecording(RECORDING, RecordingChannels.MIXED, List.of(), false));
    }

    @Test
    void startsPausedWhenAskedAndPutsTheNamedParticipantsOnTheFirstChannels() {
        RecordingSpec spec = new RecordingSpec(RecordingChannels.UNMIXED, List.of(bob().identifier()),
                Optional.of(STATE_CALLBACK), true);

        Transition started = aConnectedCallWith(alice(), bob()).startRecording(RECORDING, spec, AT);

        assertThat(started.events()).singleElement().isInstanceOfSatisfying(RecordingStateChanged.class, e -> {
            assertThat(e.state()).isEqualTo(RecordingState.INACTIVE);
            assertThat(e.replyTo().flatMap(OperationCallback::uri)).contains(STATE_CALLBACK);
        });
        assertThat(started.commands()).containsExactly(
                new StartRecording(RECORDING, RecordingChannels.UNMIXED, List.of(bob().leg()), true));
    }

    @Test
    void refusesAnOrderingThatNamesSomeoneNotInTheCall() {
        RecordingSpec spec = new RecordingSpec(RecordingChannels.UNMIXED, List.of(bob().identifier()),
                Optional.empty(), false);

        assertThatThrownBy(() -> aConnectedCallWith(alice()).startRecording(RECORDING, spec, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audioChannelParticipantOrdering");
    }

    @Test
    void refusesASecondRecordingAndOneOnACallNotConnected() {
        Call recorded = aConnectedCall().startRecording(RECORDING, RecordingSpec.mixed(), AT).call();

        assertThatThrownBy(() -> recorded.startRecording(RecordingId.of(CALL_ID, "r2"), RecordingSpec.mixed(), AT))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RECORDING_ACTIVE));
        assertThatThrownBy(() -> aConnectingCall().startRecording(RECORDING, RecordingSpec.mixed(), AT))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED));
    }

    @Test
    void pausesAndResumesOnceEach() {
        Call recorded = aConnectedCall().startRecording(RECORDING, RecordingSpec.mixed(), AT).call();

        Transition paused = recorded.pauseRecording(RECORDING, true);
        Transition again = paused.call().pauseRecording(RECORDING, true);
        Transition resumed = paused.call().pauseRecording(RECORDING, false);

        assertThat(paused.commands()).containsExactly(new PauseRecording(RECORDING, true));
        assertThat(paused.call().recording(RECORDING).state()).isEqualTo(RecordingState.INACTIVE);
        assertThat(again.events()).isEmpty();
        assertThat(again.commands()).isEmpty();
        assertThat(resumed.commands()).containsExactly(new PauseRecording(RECORDING, false));
        assertThat(resumed.events()).singleElement().isInstanceOfSatisfying(RecordingStateChanged.class,
                e -> assertThat(e.state()).isEqualTo(RecordingState.ACTIVE));
    }

    @Test
    void stopsReportedInactiveAndIsThenUnknown() {
        Call recorded = aConnectedCall().startRecording(RECORDING, RecordingSpec.mixed(), AT).call();

        Transition stopped = recorded.stopRecording(RECORDING);

        assertThat(stopped.commands()).containsExactly(new StopRecording(RECORDING));
        assertThat(stopped.events()).singleElement().isInstanceOfSatisfying(RecordingStateChanged.class,
                e -> assertThat(e.state()).isEqualTo(RecordingState.INACTIVE));
        assertThatThrownBy(() -> stopped.call().pauseRecording(RECORDING, true))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RECORDING_NOT_FOUND));
    }

    @Test
    void stopsWithTheCall() {
        Call recorded = aConnectedCall().startRecording(RECORDING, RecordingSpec.mixed(), AT).call();

        Transition hungUp = recorded.hangUp();
        Transition aliceGone = recorded.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP);
        Transition ended = aliceGone.call().legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP);

        assertThat(hungUp.commands()).contains(new StopRecording(RECORDING), new HangUp(alice().leg()));
        assertThat(aliceGone.commands()).doesNotContain(new StopRecording(RECORDING));
        assertThat(ended.commands()).contains(new StopRecording(RECORDING));
        assertThat(ended.call().media().recording()).isEmpty();
    }

    @Test
    void namesItsCallInItsId() {
        assertThat(RECORDING.call()).contains(CALL_ID);
        assertThat(new RecordingId("not-one-of-ours").call()).isEmpty();
    }
}
