package io.switchboard.application.service;

import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.RecordingUseCase;
import io.switchboard.application.port.in.StartRecordingCommand;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingDocument.ChannelParticipant;
import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.RecordingStateChanged;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.recording.RecordingState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class RecordingServiceTest {

    private final TestCore core = new TestCore();
    private final RecordingUseCase recordings = core.useCases().callControl().recording();

    @Test
    void recordsTheCallNamedByItsServerCallIdIntoAFileOfTheStore() {
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB));
        RecordingSpec spec = new RecordingSpec(RecordingChannels.UNMIXED, List.of(BOB), Optional.empty(), false);

        Recording recording = result(recordings.start(StartRecordingCommand.of(call.serverCallId(), spec)));

        assertThat(recording.state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(recording.id().call()).contains(call.id());
        RecordingRequest request = core.telephony.recording(recording.id());
        assertThat(request.legs()).containsExactlyElementsOf(call.participants().stream().map(Participant::leg)
                .toList());
        assertThat(request.channelOrder()).containsExactly(core.participant(call.id(), BOB.rawId()).leg());
        assertThat(request.file().getParent()).isEqualTo(Path.of("/recordings"));
        assertThat(core.events.events()).singleElement().isInstanceOf(RecordingStateChanged.class);
        assertThat(result(recordings.state(recording.id())).state()).isEqualTo(RecordingState.ACTIVE);
    }

    @Test
    void pausesResumesAndStops() {
        Call call = core.aConnectedCall(aCallTo(ALICE));
        RecordingId id = start(call).id();

        result(recordings.pause(id, true));
        assertThat(result(recordings.state(id)).state()).isEqualTo(RecordingState.INACTIVE);
        result(recordings.pause(id, false));
        result(recordings.stop(id));

        assertThat(core.telephony.recordingChanges()).containsExactly("record " + id, "pause " + id,
                "resume " + id, "stop " + id);
        assertThat(failure(recordings.state(id))).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RECORDING_NOT_FOUND));
    }

    @Test
    void keepsAndAnnouncesTheFileWithWhoIsOnWhichChannel() {
        Call call = core.aConnectedCall(aCallTo(ALICE, BOB));
        Recording recording = start(call);
        Participant alice = core.participant(call.id(), ALICE.rawId());
        Participant bob = core.participant(call.id(), BOB.rawId());
        core.telephonyEvents().legEnded(alice.leg(), ResultInformation.REMOTE_HUNG_UP);
        core.telephonyEvents().legEnded(bob.leg(), ResultInformation.REMOTE_HUNG_UP); // the call ends: stopped

        RecordedFile file = new RecordedFile(core.telephony.recording(recording.id()).file(), 5,
                Duration.ofMillis(4200), 336_000, Map.of(alice.leg(), 1, bob.leg(), 0));
        core.telephony.recordingDone(recording.id(), file, null);

        RecordingDocument document = core.recordings.announced().get(0);
        assertThat(core.telephony.recordingChanges()).contains("stop " + recording.id());
        assertThat(document.recording()).isEqualTo(recording.id());
        assertThat(document.serverCallId()).isEqualTo(call.serverCallId());
        assertThat(document.length()).isEqualTo(Duration.ofMillis(4200));
        assertThat(document.endReason()).isEqualTo("SessionEnded");
        assertThat(document.participants()).containsExactly(new ChannelParticipant(BOB.rawId(), 0),
                new ChannelParticipant(ALICE.rawId(), 1));
        assertThat(recordings.document(document.documentId())).contains(document);
    }

    @Test
    void reportsARecordingWhoseFileFailedAsStopped() {
        Call call = core.aConnectedCall(aCallTo(ALICE));
        RecordingId id = start(call).id();
        core.events.clear();

        core.telephony.recordingDone(id, null, new IOException("No space left on device"));

        assertThat(core.events.events()).singleElement().isInstanceOfSatisfying(RecordingStateChanged.class,
                e -> assertThat(e.state()).isEqualTo(RecordingState.INACTIVE));
        assertThat(core.recordings.announced()).isEmpty();
        assertThat(failure(recordings.state(id))).isInstanceOf(CallAutomationException.class);
    }

    @Test
    void refusesToStartWhenTheStoreIsFullWithoutTouchingTheCall() {
        Call call = core.aConnectedCall(aCallTo(ALICE));
        core.recordings.full(true);

        Throwable refused = failure(recordings.start(StartRecordingCommand.of(call.serverCallId(),
                RecordingSpec.mixed())));

        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("below the 100 MiB floor");
        });
        assertThat(core.events.events()).isEmpty();
        assertThat(core.call(call.id()).media().recording()).isEmpty();
    }

    @Test
    void refusesACallItsNetworkCannotRecord() {
        Call call = core.aConnectedCall(aCallTo(ALICE));
        core.telephony.carryNoAudio();

        assertThat(failure(recordings.start(StartRecordingCommand.of(call.serverCallId(), RecordingSpec.mixed()))))
                .isInstanceOfSatisfying(CallAutomationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FEATURE_NOT_AVAILABLE);
                    assertThat(e.getMessage()).contains("cannot be recorded");
                });
        assertThat(core.events.events()).isEmpty();
    }

    @Test
    void refusesUnknownCallsAndRecordings() {
        assertThat(failure(recordings.start(StartRecordingCommand.of("no-such-call", RecordingSpec.mixed()))))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
        assertThat(failure(recordings.pause(new RecordingId("bm90LW91cnM"), true)))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RECORDING_NOT_FOUND));
    }

    private Recording start(Call call) {
        return result(recordings.start(StartRecordingCommand.of(call.serverCallId(), RecordingSpec.mixed())));
    }
}
