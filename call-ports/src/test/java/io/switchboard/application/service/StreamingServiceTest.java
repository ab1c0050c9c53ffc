package io.switchboard.application.service;

import io.switchboard.application.fakes.CallFixtures;
import io.switchboard.application.fakes.FakeMediaStreams.FakeConnection;
import io.switchboard.application.fakes.FakeMediaStreams.Sent;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.MediaStreamingCommand;
import io.switchboard.application.port.out.AudioFeed;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MediaStreamingChanged.Status;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Media streams over the real core: the relay between telephony's legs and the stream's connection. */
class StreamingServiceTest {

    private static final URI SOCKET = URI.create("wss://app.example/media");

    private final TestCore core = new TestCore();

    private Call aStreamingCall(Channels channels, boolean startOnConnect) {
        StreamingSpec spec = new StreamingSpec(SOCKET, channels, 16_000, startOnConnect, true, true);
        CreateCallCommand command = CallFixtures.aCallTo(ALICE, BOB);
        Call created = result(core.useCases().createCall().createCall(new CreateCallCommand(command.targets(),
                command.setup().withStreaming(Optional.of(spec)), Optional.empty())));
        created.participants().forEach(p -> core.telephonyEvents().legAnswered(p.leg()));
        return core.call(created.id());
    }

    private static MediaOperationId stream(Call call) {
        return call.media().streaming().orElseThrow().id();
    }

    private LegId leg(Call call, String rawId) {
        return core.participant(call.id(), rawId).leg();
    }

    private static short[] frame(int value) {
        short[] frame = new short[160];
        java.util.Arrays.fill(frame, (short) value);
        return frame;
    }

    @Test
    void opensWhenTheCallConnectsAndSendsEachLegsAudioAsItsParticipantsAndItsKeys() {
        // given
        Call call = aStreamingCall(Channels.UNMIXED, true);
        assertThat(core.streams.requests()).singleElement()
                .satisfies(request -> assertThat(request.spec().transportUrl()).isEqualTo(SOCKET));

        // when: the connection opens, both legs talk, Alice presses a key
        FakeConnection connection = core.streams.accept(stream(call));
        core.telephony.listener(stream(call), leg(call, ALICE.rawId())).frame(frame(100));
        core.telephony.listener(stream(call), leg(call, BOB.rawId())).frame(frame(200));
        core.telephonyEvents().toneReceived(leg(call, ALICE.rawId()), Tone.SEVEN);

        // then
        assertThat(core.events.events(MediaStreamingChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(Status.STARTED));
        assertThat(connection.sent).containsExactly(
                new Sent(Optional.of(ALICE.rawId()), (short) 100, Optional.empty()),
                new Sent(Optional.of(BOB.rawId()), (short) 200, Optional.empty()),
                new Sent(Optional.of(ALICE.rawId()), (short) 0, Optional.of(Tone.SEVEN)));
    }

    @Test
    void aMixedStreamSendsTheSumOfTheLegsFrameByFrame() {
        Call call = aStreamingCall(Channels.MIXED, true);
        FakeConnection connection = core.streams.accept(stream(call));

        core.telephony.listener(stream(call), leg(call, ALICE.rawId())).frame(frame(100));
        assertThat(connection.sent).as("waits for Bob's frame").isEmpty();
        core.telephony.listener(stream(call), leg(call, BOB.rawId())).frame(frame(200));

        assertThat(connection.sent).containsExactly(new Sent(Optional.empty(), (short) 300, Optional.empty()));
    }

    @Test
    void playsWhatTheApplicationSendsIntoEveryLegAndDropsItOnStopAudio() {
        // given
        Call call = aStreamingCall(Channels.UNMIXED, true);
        core.streams.accept(stream(call));
        AudioFeed alice = core.telephony.feed(stream(call), leg(call, ALICE.rawId())).orElseThrow();
        AudioFeed bob = core.telephony.feed(stream(call), leg(call, BOB.rawId())).orElseThrow();
        short[] out = new short[160];

        // when: two frames come back; one is played; then StopAudio
        short[] two = new short[320];
        java.util.Arrays.fill(two, (short) 42);
        core.streams.inbound(stream(call)).audio(two);

        // then
        assertThat(alice.next(out)).isTrue();
        assertThat(out[0]).isEqualTo((short) 42);
        assertThat(bob.next(out)).isTrue();
        core.streams.inbound(stream(call)).stopAudio();
        assertThat(alice.next(out)).as("dropped at once").isFalse();
        assertThat(bob.next(out)).isFalse();
    }

    @Test
    void aConnectionRefusedOrLostIsReportedAndTheLegsAreNoLongerTapped() {
        // given: refused
        Call call = aStreamingCall(Channels.UNMIXED, true);
        core.streams.refuse(stream(call), "connection refused");
        assertThat(core.events.events(MediaStreamingChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(Status.FAILED);
            assertThat(e.result().code()).isEqualTo(500);
            assertThat(e.result().message()).contains("connection refused");
        });

        // when: started again, opened, then lost
        result(core.useCases().callControl().streaming().startMediaStreaming(command(call.id())));
        FakeConnection connection = core.streams.accept(stream(call));
        assertThat(core.telephony.listens(stream(call))).isTrue();
        core.streams.inbound(stream(call)).lost("closed by the application (status 1011)");

        // then
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(Status.FAILED, Status.STARTED, Status.FAILED);
        assertThat(core.telephony.listens(stream(call))).isFalse();
        assertThat(connection.closed).isTrue();
        assertThat(core.call(call.id()).state().isEnded()).isFalse();
    }

    @Test
    void stopsOnRequestAndWithTheCallAndRefusesWhatCannotBe() {
        Call call = aStreamingCall(Channels.UNMIXED, false);
        assertThat(core.streams.requests()).isEmpty();
        assertThat(failure(core.useCases().callControl().streaming().stopMediaStreaming(command(call.id()))))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));

        result(core.useCases().callControl().streaming().startMediaStreaming(command(call.id())));
        FakeConnection connection = core.streams.accept(stream(call));
        result(core.useCases().callControl().streaming().stopMediaStreaming(command(call.id())));

        assertThat(connection.closed).isTrue();
        assertThat(core.telephony.listens(stream(call))).isFalse();
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(Status.STARTED, Status.STOPPED);

        result(core.useCases().callControl().streaming().startMediaStreaming(command(call.id())));
        FakeConnection again = core.streams.accept(stream(call));
        core.telephonyEvents().legEnded(leg(call, ALICE.rawId()), ResultInformation.REMOTE_HUNG_UP);
        core.telephonyEvents().legEnded(leg(call, BOB.rawId()), ResultInformation.REMOTE_HUNG_UP);
        assertThat(again.closed).isTrue();
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(Status.STARTED, Status.STOPPED, Status.STARTED, Status.STOPPED);
    }

    @Test
    void aConnectionThatOpensAfterTheStreamStoppedIsClosed() {
        Call call = aStreamingCall(Channels.UNMIXED, true);
        result(core.useCases().callControl().streaming().stopMediaStreaming(command(call.id())));

        FakeConnection late = core.streams.accept(stream(call));

        assertThat(late.closed).isTrue();
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(Status.STOPPED);
        assertThat(core.telephony.listens(stream(call))).isFalse();
    }

    private static MediaStreamingCommand command(CallConnectionId call) {
        return new MediaStreamingCommand(call, Optional.of("ctx"), Optional.empty());
    }
}
