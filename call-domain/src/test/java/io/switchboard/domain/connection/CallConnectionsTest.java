package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.telephony.TelephonyCommand.StopMedia;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aPlay;
import static io.switchboard.domain.connection.CallFixtures.aConnectingCall;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallConnectionsTest {

    private static final Connection SECOND = new Connection(CallConnectionId.of("second"),
            new CallbackTarget(URI.create("https://second.example.com/events"), EventSchema.GA),
            Optional.of("second-ctx"));
    private static final OperationCallback ASKED_THROUGH_SECOND = new OperationCallback(Optional.of(SECOND.id()),
            Optional.empty());
    private static final PlaySource PROMPT = new FilePlaySource(URI.create("https://media.example.com/prompt.wav"),
            Optional.empty());

    @Test
    void anotherApplicationConnectsToAConnectedCallAndIsToldAlone() {
        // when
        Transition connected = aConnectedCall().connect(SECOND);

        // then
        assertThat(connected.call().connections()).containsExactly(SECOND);
        assertThat(connected.call().connection(SECOND.id())).contains(SECOND);
        assertThat(connected.events()).singleElement().isInstanceOfSatisfying(CallConnectionStateChanged.class,
                e -> {
                    assertThat(e.state()).isEqualTo(CallState.CONNECTED);
                    assertThat(e.connection()).contains(SECOND.id());
                    assertThat(e.operationContext()).contains("second-ctx");
                });
        assertThat(connected.commands()).isEmpty();
    }

    @Test
    void aConnectionThatLeavesIsToldAloneAndTheCallGoesOn() {
        // given
        Call call = aConnectedCall().connect(SECOND).call();

        // when
        Transition left = call.disconnect(SECOND.id());

        // then
        assertThat(left.call().state()).isEqualTo(CallState.CONNECTED);
        assertThat(left.call().connections()).isEmpty();
        assertThat(left.events()).singleElement().isInstanceOfSatisfying(CallConnectionStateChanged.class,
                e -> {
                    assertThat(e.state()).isEqualTo(CallState.DISCONNECTED);
                    assertThat(e.connection()).contains(SECOND.id());
                });
        assertThatThrownBy(() -> left.call().disconnect(SECOND.id()))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
    }

    @Test
    void thePlayAConnectionAskedForStopsUnreportedWhenItLeaves() {
        // given: the second application plays to the call
        PlayOperation play = PlayOperation.requested(MediaOperationId.of("second-play"), PROMPT, true,
                Optional.empty(), ASKED_THROUGH_SECOND);
        Call call = aConnectedCall().connect(SECOND).call().startPlay(play).call();

        // when
        Transition left = call.disconnect(SECOND.id());

        // then: nobody is told of it, and its audio stops
        assertThat(left.events()).singleElement().isInstanceOf(CallConnectionStateChanged.class);
        assertThat(left.commands()).containsExactly(new StopMedia(play.id()));
        assertThat(left.call().hasActiveMedia()).isFalse();
    }

    @Test
    void theRecognitionAConnectionAskedForStopsUnreportedWhenItLeaves() {
        // given: the second application prompts alice for a key
        RecognizeOperation recognize = RecognizeOperation.requested(MediaOperationId.of("second-recognize"),
                alice().leg(), new DtmfOptions(1, Set.of(), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                Optional.of(PROMPT), false, Optional.empty(), ASKED_THROUGH_SECOND);
        Call call = aConnectedCall().connect(SECOND).call().startRecognize(recognize, false).call();

        // when
        Transition left = call.disconnect(SECOND.id());

        // then
        assertThat(left.events()).singleElement().isInstanceOf(CallConnectionStateChanged.class);
        assertThat(left.commands()).containsExactly(new StopMedia(recognize.id()));
        assertThat(left.call().media().recognize()).isEmpty();
    }

    @Test
    void theCallsOwnPlayGoesOnWhenAnotherConnectionLeaves() {
        // given: the call's own application plays
        Call call = aConnectedCall().connect(SECOND).call().startPlay(aPlay()).call();

        // when
        Transition left = call.disconnect(SECOND.id());

        // then
        assertThat(left.commands()).isEmpty();
        assertThat(left.call().hasActiveMedia()).isTrue();
    }

    @Test
    void whenTheCallEndsEveryConnectionIsToldItEnded() {
        // given
        Call call = aConnectedCall().connect(SECOND).call().hangUp().call();

        // when
        call = call.legEnded(alice().leg(), ResultInformation.HUNG_UP_BY_APPLICATION).call();
        Transition ended = call.legEnded(bob().leg(), ResultInformation.HUNG_UP_BY_APPLICATION);

        // then: the call's own CallDisconnected, then the connection's
        assertThat(ended.events()).filteredOn(CallConnectionStateChanged.class::isInstance)
                .extracting(e -> ((CallConnectionStateChanged) e).connection())
                .containsExactly(Optional.empty(), Optional.of(SECOND.id()));
    }

    @Test
    void onlyAConnectedCallTakesConnections() {
        assertThatThrownBy(() -> aConnectingCall().connect(SECOND))
                .isInstanceOfSatisfying(CallAutomationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED));
    }
}
