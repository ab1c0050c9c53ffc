package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeOfferedCall;
import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request about a leg goes to the one network carrying it, from its dial or answer until its end. */
class RoutingTelephonyTest {

    private static final CallConnectionId CALL = CallConnectionId.of("call-1");
    private static final MediaOperationId PLAY = MediaOperationId.of("op-1");
    private static final AudioClip CLIP = new AudioClip("clip", new short[160]);

    /** A network reaching the numbers that start with its prefix, recording what it is asked. */
    private static final class Network implements Telephony {

        final String prefix;
        final List<String> asked = new ArrayList<>();
        final CompletableFuture<RecordedFile> recorded = new CompletableFuture<>();

        Network(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public boolean canReach(CommunicationIdentifier target) {
            return target.rawId().startsWith("4:" + prefix);
        }

        @Override
        public void dial(DialRequest request) {
            asked.add("dial " + request.leg().value());
        }

        @Override
        public void hangUp(LegId leg) {
            asked.add("hang up " + leg.value());
        }

        @Override
        public void play(PlaybackRequest request) {
            asked.add("play " + request.operation().value() + " to "
                    + request.legs().stream().map(LegId::value).toList());
        }

        @Override
        public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
            asked.add("stop " + operation.value());
        }

        @Override
        public void setMuted(LegId leg, boolean muted) {
            asked.add("mute " + leg.value());
        }

        @Override
        public boolean records(List<LegId> legs) {
            return prefix.equals("+1425");
        }

        @Override
        public CompletionStage<RecordedFile> record(RecordingRequest request) {
            asked.add("record " + request.recording().value());
            return recorded;
        }

        @Override
        public void pauseRecording(CallConnectionId call, RecordingId recording, boolean paused) {
            asked.add("pause " + recording.value());
        }

        @Override
        public void stopRecording(CallConnectionId call, RecordingId recording) {
            asked.add("stop " + recording.value());
        }
    }

    private static final RecordingId RECORDING = new RecordingId("rec-1");

    private final Network sandbox = new Network("+1555");
    private final Network sip = new Network("+1425");
    private final RoutingTelephony routing = new RoutingTelephony();
    private final List<IncomingCallOffer> offers = new ArrayList<>();
    private final HandleTelephonyEventUseCase reports = routing.reportsTo(new HandleTelephonyEventUseCase() {
        @Override
        public void legAnswered(LegId leg) {
        }

        @Override
        public void legEnded(LegId leg, ResultInformation cause) {
        }

        @Override
        public void playEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
        }

        @Override
        public void toneReceived(LegId leg, Tone tone) {
        }
    });

    RoutingTelephonyTest() {
        routing.register(sandbox);
        routing.register(sip);
    }

    private void dial(String leg, String number) {
        routing.dial(new DialRequest(CALL, LegId.of(leg), new PhoneNumberIdentifier(number), Optional.empty(),
                Duration.ofSeconds(30)));
    }

    @Test
    void aPlaybackGoesToEachNetworkForTheLegsItCarriesOnly() {
        dial("leg-a", "+15550100001");
        dial("leg-b", "+14255550102");

        routing.play(new PlaybackRequest(CALL, PLAY, List.of(LegId.of("leg-a"), LegId.of("leg-b")), CLIP, false));
        routing.stopPlayback(CALL, PLAY);

        assertThat(sandbox.asked).containsExactly("dial leg-a", "play op-1 to [leg-a]", "stop op-1");
        assertThat(sip.asked).containsExactly("dial leg-b", "play op-1 to [leg-b]", "stop op-1");
    }

    @Test
    void aPlaybackToLegsOfOneNetworkLeavesTheOtherAlone() {
        dial("leg-b", "+14255550102");

        routing.play(new PlaybackRequest(CALL, PLAY, List.of(LegId.of("leg-b")), CLIP, true));
        routing.stopPlayback(CALL, PLAY);
        routing.setMuted(LegId.of("leg-b"), true);
        routing.hangUp(LegId.of("leg-b"));

        assertThat(sandbox.asked).isEmpty();
        assertThat(sip.asked).containsExactly("dial leg-b", "play op-1 to [leg-b]", "stop op-1", "mute leg-b",
                "hang up leg-b");
    }

    @Test
    void theNetworkCarryingTheCallRecordsItUntilItsFileIsDone() {
        dial("leg-b", "+14255550102");
        RecordingRequest request = new RecordingRequest(CALL, RECORDING, RecordingChannels.MIXED,
                List.of(LegId.of("leg-x"), LegId.of("leg-b")), List.of(), false, Path.of("rec.wav"));

        assertThat(routing.records(request.legs())).isTrue();
        CompletionStage<RecordedFile> done = routing.record(request);
        routing.pauseRecording(CALL, RECORDING, true);
        routing.stopRecording(CALL, RECORDING);
        sip.recorded.complete(new RecordedFile(Path.of("rec.wav"), 1, Duration.ofSeconds(1), 16_000, Map.of()));
        routing.stopRecording(CALL, RECORDING);

        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(sandbox.asked).isEmpty();
        assertThat(sip.asked).containsExactly("dial leg-b", "record rec-1", "pause rec-1", "stop rec-1");
    }

    @Test
    void aCallOnANetworkWithoutAudioCannotBeRecorded() {
        dial("leg-a", "+15550100001");

        assertThat(routing.records(List.of(LegId.of("leg-a")))).isFalse();
    }

    @Test
    void aCallNoNetworkCarriesIsNotRecorded() {
        RecordingRequest request = new RecordingRequest(CALL, RECORDING, RecordingChannels.MIXED,
                List.of(LegId.of("leg-x")), List.of(), false, Path.of("rec.wav"));

        assertThat(routing.records(request.legs())).isFalse();
        assertThat(routing.record(request).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void aLegWhoseEndWasReportedIsNoLongerRouted() {
        dial("leg-b", "+14255550102");

        reports.legEnded(LegId.of("leg-b"), ResultInformation.REMOTE_HUNG_UP);
        routing.hangUp(LegId.of("leg-b"));

        assertThat(sip.asked).containsExactly("dial leg-b");
    }

    @Test
    void aPlaybackThatEndedIsNotStoppedAgain() {
        dial("leg-b", "+14255550102");
        routing.play(new PlaybackRequest(CALL, PLAY, List.of(LegId.of("leg-b")), CLIP, false));

        reports.playEnded(CALL, PlayOperation.Outcome.completed(PLAY));
        routing.stopPlayback(CALL, PLAY);

        assertThat(sip.asked).containsExactly("dial leg-b", "play op-1 to [leg-b]");
    }

    @Test
    void aLegAnsweredFromAnOfferIsCarriedByTheNetworkThatOfferedIt() {
        HandleIncomingCallUseCase incoming = routing.offersFrom(() -> sip, new HandleIncomingCallUseCase() {
            @Override
            public void offered(IncomingCallOffer offer) {
                offers.add(offer);
            }

            @Override
            public void withdrawn(OfferedCall call) {
            }
        });
        FakeOfferedCall offered = new FakeOfferedCall();

        incoming.offered(new IncomingCallOffer(new PhoneNumberIdentifier("+14255550199"),
                new PhoneNumberIdentifier("+18005550100"), Optional.empty(), offered));
        offers.get(0).call().answer(CALL, LegId.of("leg-in"));
        routing.hangUp(LegId.of("leg-in"));

        assertThat(offered.actions()).hasSize(1);
        assertThat(offers.get(0).call()).isNotSameAs(offered);
        assertThat(sip.asked).containsExactly("hang up leg-in");
        assertThat(sandbox.asked).isEmpty();
    }
}
