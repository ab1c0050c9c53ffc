package io.switchboard.adapter.webhook;

import io.switchboard.client.CallbackHandler;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CallTransferFailed;
import io.switchboard.domain.event.CancelAddParticipantFailed;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.HoldFailed;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MoveParticipantFailed;
import io.switchboard.domain.event.MoveParticipantSucceeded;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.RecognizeCanceled;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.event.RecordingStateChanged;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.SendDtmfTonesFailed;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.recording.RecordingState;
import io.switchboard.domain.streaming.StreamSpec.Content;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.webhook.CallEventFixtures.CALL;
import static io.switchboard.adapter.webhook.CallEventFixtures.KEY;
import static io.switchboard.adapter.webhook.CallEventFixtures.fastConfig;
import static io.switchboard.adapter.webhook.CallEventFixtures.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link WebhookCallEventPublisher} posting to a router with the {@link CallbackHandler}: what the server
 * publishes is what the application receives. The events are built with the values the wire cannot carry already
 * set to the handler's documented stand-ins, so equality is exact. The GA test publishes one event of every type.
 */
@ExtendWith(VertxExtension.class)
class CallbackRoundTripTest {

    private static final CallConnectionId BUSY_CALL = CallConnectionId.of("call-busy");
    private static final PhoneNumberIdentifier PHONE = new PhoneNumberIdentifier("+14255550123");
    private static final CommunicationUserIdentifier USER = new CommunicationUserIdentifier("8:acs:res_1234");

    private final RecordingListener listener = new RecordingListener();
    private WebhookCallEventPublisher publisher;

    @AfterEach
    void close() throws Exception {
        publisher.close(Duration.ofMillis(100)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private List<CallEvent> roundTrip(Vertx vertx, EventSchema schema, List<CallEvent> published) throws Exception {
        CallbackClient app = CallbackClient.start(vertx, CallbackHandler.create(KEY, listener), false);
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallbackTarget target = new CallbackTarget(app.uri(), schema);
        published.forEach(event -> publisher.publish(target, event));
        // every event published here is one the schema sends
        Eventually.until("all delivered", () -> publisher.stats().delivered() == published.size(),
                () -> publisher.stats() + " received " + listener.events);
        assertThat(listener.unknown).isEmpty();
        return List.copyOf(listener.events);
    }

    private static List<CallEvent> of(List<CallEvent> events, CallConnectionId call) {
        return events.stream().filter(e -> e.callId().equals(call)).toList();
    }

    @Test
    void originCallbacksArriveAsTheEventsThatWerePublished(Vertx vertx) throws Exception {
        // given
        Participant caller = participant("p-1", PHONE, ParticipantState.CONNECTED, true, false, Optional.empty());
        List<CallEvent> call = List.of(
                stateChanged(CALL, CallState.CONNECTING, false, new ResultInformation(200, 0, "Call is connecting.")),
                stateChanged(CALL, CallState.CONNECTED, false, ResultInformation.CONNECTED),
                new ParticipantsUpdated(CALL, 1, List.of(caller)),
                new ToneReceived(CALL, caller, Tone.FIVE, 1),
                new PlayCompleted(CALL, play("op-1", OperationStatus.COMPLETED, ResultInformation.PLAY_COMPLETED)),
                new PlayFailed(CALL, play("op-2", OperationStatus.FAILED, ResultInformation.downloadFailed("404")),
                        ResultInformation.downloadFailed("404")),
                new PlayCanceled(CALL, play("op-3", OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)),
                new AddParticipantSucceeded(CALL, Optional.of("add"), invitee(true)),
                new AddParticipantFailed(CALL, Optional.of("add"), invitee(false), ResultInformation.busy("486")),
                stateChanged(CALL, CallState.DISCONNECTING, true, ResultInformation.HUNG_UP_BY_APPLICATION),
                stateChanged(CALL, CallState.DISCONNECTED, true, ResultInformation.HUNG_UP_BY_APPLICATION));
        List<CallEvent> busy = List.of(
                stateChanged(BUSY_CALL, CallState.CONNECTING, false, ResultInformation.CONNECTED),
                stateChanged(BUSY_CALL, CallState.DISCONNECTED, false, ResultInformation.busy("486 Busy Here")));

        // when
        List<CallEvent> received = roundTrip(vertx, EventSchema.ORIGIN_2021, concat(call, busy));

        // then
        assertThat(of(received, CALL)).containsExactlyElementsOf(call);
        assertThat(of(received, BUSY_CALL)).containsExactlyElementsOf(busy);
    }

    @Test
    void gaCallbacksOfEveryEventTypeArriveAsTheEventsThatWerePublished(Vertx vertx) throws Exception {
        // given: GA names participants by raw id, sends no operation id, and names no participant on tone, stop
        // and hold events, so the call's only participant stands in
        Participant caller = participant(PHONE.rawId(), PHONE, ParticipantState.CONNECTED, true, false,
                Optional.empty());
        Participant held = caller.withOnHold(true);
        Participant canceled = new Participant(ParticipantId.of("p-9"), new UnknownIdentifier("unknown"),
                LegId.of("p-9"), ParticipantState.CANCELING, false, false, true, Optional.of("cancel"));
        List<CallEvent> call = List.of(
                stateChanged(CALL, CallState.CONNECTED, false, ResultInformation.CONNECTED),
                new ParticipantsUpdated(CALL, 1, List.of(caller)),
                new ToneReceived(CALL, caller, Tone.STAR, 1),
                new RecognizeCompleted(CALL, recognition(List.of(Tone.ONE, Tone.STAR)),
                        ResultInformation.RECOGNIZED_STOP_TONE),
                new RecognizeFailed(CALL, recognition(List.of()), ResultInformation.INITIAL_SILENCE_TIMEOUT),
                new RecognizeCanceled(CALL, recognition(List.of())),
                new ContinuousDtmfRecognitionStopped(CALL, caller, Optional.of("dtmf"), OperationCallback.OWN),
                new SendDtmfTonesCompleted(CALL, Optional.of("send"), OperationCallback.OWN),
                new SendDtmfTonesFailed(CALL, Optional.empty(), OperationCallback.OWN,
                        ResultInformation.tonesNotSent("leg gone")),
                new ParticipantsUpdated(CALL, 2, List.of(held)),
                new HoldFailed(CALL, held, Optional.of("hold"), OperationCallback.OWN,
                        ResultInformation.downloadFailed("404")),
                new PlayCompleted(CALL, play("unknown", OperationStatus.COMPLETED, ResultInformation.PLAY_COMPLETED)),
                new PlayFailed(CALL, play("unknown", OperationStatus.FAILED, ResultInformation.invalidFileFormat("")),
                        ResultInformation.invalidFileFormat("")),
                new PlayCanceled(CALL, play("unknown", OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)),
                new AddParticipantSucceeded(CALL, Optional.of("add"), invitee(true)),
                new AddParticipantFailed(CALL, Optional.of("add"), invitee(false), ResultInformation.busy("486")),
                new CancelAddParticipantSucceeded(CALL, canceled, Optional.of("cancel"), OperationCallback.OWN),
                new CancelAddParticipantFailed(CALL, "p-8", Optional.empty(), OperationCallback.OWN,
                        ResultInformation.invitationNotCanceled("already answered")),
                new RemoveParticipantSucceeded(CALL, Optional.of("remove"), participant(PHONE.rawId(), PHONE,
                        ParticipantState.REMOVING, true, false, Optional.of("remove"))),
                new CallTransferFailed(CALL, Optional.of("xfer"), OperationCallback.OWN,
                        ResultInformation.transferFailed("busy")),
                new CallTransferAccepted(CALL, PHONE, new PhoneNumberIdentifier("+15550100001"), Optional.of("xfer"),
                        OperationCallback.OWN),
                new MoveParticipantSucceeded(CALL, participant(PHONE.rawId(), PHONE, ParticipantState.CONNECTED, true,
                        false, Optional.empty()), CallConnectionId.of("lobby"), Optional.of("move"),
                        OperationCallback.OWN),
                new MoveParticipantFailed(CALL, PHONE, CallConnectionId.of("lobby"), Optional.of("move"),
                        OperationCallback.OWN, ResultInformation.moveFailed("another network")),
                new RecordingStateChanged(CALL, "server-1", new Recording(RecordingId.of(CALL, "r"),
                        RecordingSpec.mixed(), RecordingState.ACTIVE, Instant.parse("2026-12-01T10:00:00Z")),
                        RecordingState.ACTIVE),
                new MediaStreamingChanged(CALL, Content.AUDIO, MediaStreamingChanged.Status.STARTED,
                        MediaStreamingChanged.Detail.SUBSCRIPTION_STARTED, ResultInformation.STREAMING_STARTED,
                        Optional.of("stream"), OperationCallback.OWN),
                new MediaStreamingChanged(CALL, Content.TRANSCRIPTION, MediaStreamingChanged.Status.FAILED,
                        MediaStreamingChanged.Detail.STREAM_CONNECTION_INTERRUPTED,
                        ResultInformation.streamingFailed("the WebSocket was lost"), Optional.empty(),
                        OperationCallback.OWN),
                stateChanged(CALL, CallState.DISCONNECTED, true, ResultInformation.HUNG_UP_BY_APPLICATION));
        List<CallEvent> busy = List.of(
                stateChanged(BUSY_CALL, CallState.DISCONNECTED, false, ResultInformation.busy("486 Busy Here")));
        assertThat(concat(call, busy).stream().<Class<?>>map(CallEvent::getClass).distinct().toList())
                .as("one of every event type").containsExactlyInAnyOrder(CallEvent.class.getPermittedSubclasses());

        // when
        List<CallEvent> received = roundTrip(vertx, EventSchema.GA, concat(call, busy));

        // then
        assertThat(of(received, CALL)).containsExactlyElementsOf(call);
        assertThat(of(received, BUSY_CALL)).containsExactlyElementsOf(busy);
    }

    private static Participant participant(String id, CommunicationIdentifier identifier, ParticipantState state,
                                           boolean joined, boolean invited, Optional<String> context) {
        return new Participant(ParticipantId.of(id), identifier, LegId.of(id), state, joined, false, invited, context);
    }

    private static Participant invitee(boolean joined) {
        return participant(USER.rawId(), USER, joined ? ParticipantState.CONNECTED : ParticipantState.CONNECTING,
                joined, true, Optional.of("add"));
    }

    private static PlayOperation play(String id, OperationStatus status, ResultInformation result) {
        return new PlayOperation(MediaOperationId.of(id),
                new FilePlaySource(CallbackHandler.UNKNOWN_AUDIO, Optional.empty()), false, Optional.of("prompt"),
                status, Optional.of(result));
    }

    /** A recognition as GA carries it: only its context and, once completed, its tones. */
    private static RecognizeOperation recognition(List<Tone> tones) {
        return new RecognizeOperation(MediaOperationId.of("unknown"), LegId.of("unknown"),
                CallbackHandler.UNKNOWN_DTMF_OPTIONS, Optional.empty(), false, false, tones, Optional.of("menu"),
                OperationCallback.OWN, List.of(), Optional.empty());
    }

    private static List<CallEvent> concat(List<CallEvent> first, List<CallEvent> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
