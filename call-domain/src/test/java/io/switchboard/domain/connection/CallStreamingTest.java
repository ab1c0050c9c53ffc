package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MediaStreamingChanged.Detail;
import io.switchboard.domain.event.MediaStreamingChanged.Status;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.streaming.MediaStreaming.State;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;
import io.switchboard.domain.telephony.TelephonyCommand.StartStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StopStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.StreamTone;
import io.switchboard.domain.telephony.TelephonyCommand.UnstreamLeg;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static io.switchboard.domain.connection.CallFixtures.CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.CREATED_AT;
import static io.switchboard.domain.connection.CallFixtures.SERVER_CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.aSetup;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallStreamingTest {

    private static final URI SOCKET = URI.create("wss://app.example/media");
    private static final StreamingSpec ON_CONNECT = new StreamingSpec(SOCKET, Channels.UNMIXED, 16_000, true, true,
            true);
    private static final StreamingSpec ON_REQUEST = new StreamingSpec(SOCKET, Channels.MIXED, 24_000, false, false,
            false);

    private static Call dialling(StreamingSpec spec) {
        return Call.create(CALL_ID, SERVER_CALL_ID, aSetup().withStreaming(Optional.of(spec)), java.util.List.of(
                alice(), bob()), CREATED_AT).call();
    }

    private static MediaOperationId stream(Call call) {
        return call.media().streaming().orElseThrow().id();
    }

    @Test
    void startsWhenTheCallConnectsAndCarriesEveryConnectedLegOnceOpen() {
        Call call = dialling(ON_CONNECT);

        Transition connected = call.legAnswered(alice().leg());

        assertThat(connected.events()).hasAtLeastOneElementOfType(CallConnectionStateChanged.class)
                .noneMatch(MediaStreamingChanged.class::isInstance);
        assertThat(connected.commands()).contains(new StartStreaming(stream(call), ON_CONNECT));
        assertThat(connected.call().media().streaming().orElseThrow().state()).isEqualTo(State.STARTING);

        Transition opened = connected.call().streamingOpened(stream(call));

        assertThat(opened.events()).singleElement().isInstanceOfSatisfying(MediaStreamingChanged.class, e -> {
            assertThat(e.status()).isEqualTo(Status.STARTED);
            assertThat(e.detail()).isEqualTo(Detail.SUBSCRIPTION_STARTED);
        });
        assertThat(opened.commands()).containsExactly(new StreamLeg(stream(call), alice().leg(),
                alice().identifier()));

        Transition bobJoins = opened.call().legAnswered(bob().leg());
        assertThat(bobJoins.commands()).containsExactly(new StreamLeg(stream(call), bob().leg(), bob().identifier()));
    }

    @Test
    void aStreamSetUpToStartOnRequestWaitsAndReportsToTheRequestsCallback() {
        Call connected = dialling(ON_REQUEST).legAnswered(alice().leg()).call();
        assertThat(connected.media().streaming().orElseThrow().state()).isEqualTo(State.INACTIVE);
        URI callback = URI.create("https://app.example/streaming");

        Transition started = connected.startStreaming(Optional.of("ctx"), OperationCallback.own(Optional.of(callback)));
        Transition opened = started.call().streamingOpened(stream(connected));

        assertThat(started.commands()).containsExactly(new StartStreaming(stream(connected), ON_REQUEST));
        assertThat(opened.events()).singleElement().isInstanceOfSatisfying(MediaStreamingChanged.class, e -> {
            assertThat(e.operationContext()).contains("ctx");
            assertThat(e.operationCallback().uri()).contains(callback);
        });
    }

    @Test
    void refusesStartingTwiceStoppingWhatIsNotRunningAndAStreamNeverSetUp() {
        Call connected = dialling(ON_REQUEST).legAnswered(alice().leg()).call();
        Call starting = connected.startStreaming(Optional.empty(), OperationCallback.OWN).call();

        assertThatThrownBy(() -> starting.startStreaming(Optional.empty(), OperationCallback.OWN))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_OPERATION_ACTIVE));
        assertThatThrownBy(() -> connected.stopStreaming(Optional.empty(), OperationCallback.OWN))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        Call plain = Call.create(CALL_ID, SERVER_CALL_ID, aSetup(), java.util.List.of(alice()), CREATED_AT).call()
                .legAnswered(alice().leg()).call();
        assertThatThrownBy(() -> plain.startStreaming(Optional.empty(), OperationCallback.OWN))
                .isInstanceOfSatisfying(CallAutomationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("mediaStreamingOptions: missing");
                });
    }

    @Test
    void aConnectionThatFailsOrIsLostIsReportedAndTheCallGoesOn() {
        Call starting = dialling(ON_CONNECT).legAnswered(alice().leg()).call();
        ResultInformation why = ResultInformation.streamingFailed("refused");

        Transition failed = starting.streamingFailed(stream(starting), why);

        assertThat(failed.events()).singleElement().isInstanceOfSatisfying(MediaStreamingChanged.class, e -> {
            assertThat(e.status()).isEqualTo(Status.FAILED);
            assertThat(e.detail()).isEqualTo(Detail.INITIAL_WEB_SOCKET_CONNECTION_FAILED);
            assertThat(e.result()).isEqualTo(why);
        });
        assertThat(failed.commands()).containsExactly(new StopStreaming(stream(starting)));
        assertThat(failed.call().state()).isEqualTo(starting.state());

        Call active = starting.streamingOpened(stream(starting)).call();
        assertThat(active.streamingFailed(stream(starting), why).events()).singleElement()
                .isInstanceOfSatisfying(MediaStreamingChanged.class,
                        e -> assertThat(e.detail()).isEqualTo(Detail.STREAM_CONNECTION_INTERRUPTED));
        Call restarted = failed.call().startStreaming(Optional.empty(), OperationCallback.OWN).call();
        assertThat(restarted.media().streaming().orElseThrow().state()).isEqualTo(State.STARTING);
    }

    @Test
    void sendsKeysAlongDropsLegsThatLeaveAndStopsWithTheCall() {
        Call active = dialling(ON_CONNECT).legAnswered(alice().leg()).call().legAnswered(bob().leg()).call();
        active = active.streamingOpened(stream(active)).call();

        assertThat(active.toneReceived(alice().leg(), Tone.FIVE).commands())
                .contains(new StreamTone(stream(active), alice().identifier(), Tone.FIVE));
        assertThat(active.legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP).commands())
                .containsExactly(new UnstreamLeg(stream(active), bob().leg()));

        Transition hungUp = active.hangUp();
        assertThat(hungUp.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(MediaStreamingChanged.class,
                changed -> assertThat(changed.status()).isEqualTo(Status.STOPPED)));
        assertThat(hungUp.commands()).contains(new StopStreaming(stream(active)));
    }

    @Test
    void aStreamOpenedAfterItWasStoppedChangesNothing() {
        Call starting = dialling(ON_CONNECT).legAnswered(alice().leg()).call();
        Call stopped = starting.stopStreaming(Optional.empty(), OperationCallback.OWN).call();

        Transition late = stopped.streamingOpened(stream(starting));

        assertThat(late.events()).isEmpty();
        assertThat(late.commands()).isEmpty();
    }

    @Test
    void refusesATransportThatIsNotAWebSocketAndAnUnknownRate() {
        assertThatThrownBy(() -> new StreamingSpec(URI.create("https://app.example/media"), Channels.MIXED, 16_000,
                true, false, false)).hasMessageStartingWith("transportUrl: https://app.example/media (expected:");
        assertThatThrownBy(() -> new StreamingSpec(SOCKET, Channels.MIXED, 8_000, true, false, false))
                .hasMessageStartingWith("audioFormat:");
    }
}
