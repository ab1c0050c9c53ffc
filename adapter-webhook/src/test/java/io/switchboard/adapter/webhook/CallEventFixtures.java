package io.switchboard.adapter.webhook;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
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
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.recording.RecordingState;
import io.switchboard.domain.streaming.StreamSpec.Content;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Ready-made events, targets and configs for webhook tests. */
final class CallEventFixtures {

    static final CallConnectionId CALL = CallConnectionId.of("call-1");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private CallEventFixtures() {
    }

    /** Millisecond retries, a generous window: tests wait for events, never for wall-clock minutes. */
    static WebhookConfig fastConfig() {
        return new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(30), "2025-05-15", Clock.systemUTC());
    }

    static CallbackTarget origin(URI uri) {
        return new CallbackTarget(uri, EventSchema.ORIGIN_2021);
    }

    static Participant aPhoneParticipant() {
        return Participant.target(ParticipantId.of("p-1"), new PhoneNumberIdentifier("+14255550123"), LegId.of("leg-1"))
                .connected();
    }

    static Participant aUserParticipant() {
        return Participant.invitee(ParticipantId.of("p-2"), new CommunicationUserIdentifier("8:acs:res_1234"),
                LegId.of("leg-2"), Optional.of("invite-ctx"));
    }

    static CallConnectionStateChanged stateChanged(CallConnectionId call, CallState state, boolean wasConnected,
                                                   ResultInformation result) {
        return new CallConnectionStateChanged(call, "server-call-1", state, wasConnected, result);
    }

    static CallConnectionStateChanged connected(CallConnectionId call) {
        return stateChanged(call, CallState.CONNECTED, false, ResultInformation.CONNECTED);
    }

    static ToneReceived tone(CallConnectionId call, Tone tone, int sequenceId) {
        return new ToneReceived(call, aPhoneParticipant(), tone, sequenceId);
    }

    static PlayOperation aPlay() {
        return PlayOperation.requested(MediaOperationId.of("op-1"),
                new FilePlaySource(URI.create("https://media.example.com/hello.wav"), Optional.empty()), false,
                Optional.of("play-ctx"));
    }

    /** One event of every permitted {@link CallEvent} type. */
    static List<CallEvent> oneOfEach() {
        PlayOperation play = aPlay();
        return List.of(
                connected(CALL),
                new ParticipantsUpdated(CALL, 1, List.of(aPhoneParticipant())),
                tone(CALL, Tone.FIVE, 1),
                new PlayCompleted(CALL, play.ended(OperationStatus.COMPLETED, ResultInformation.PLAY_COMPLETED)),
                new PlayFailed(CALL, play, ResultInformation.downloadFailed("404")),
                new PlayCanceled(CALL, play),
                new AddParticipantSucceeded(CALL, Optional.of("invite-ctx"), aUserParticipant().connected()),
                new AddParticipantFailed(CALL, Optional.empty(), aUserParticipant(), ResultInformation.busy("")),
                new RemoveParticipantSucceeded(CALL, Optional.of("remove-ctx"), aPhoneParticipant()),
                new RecognizeCompleted(CALL, aRecognition(List.of(Tone.ONE, Tone.POUND)),
                        ResultInformation.RECOGNIZED_MAX_TONES),
                new RecognizeFailed(CALL, aRecognition(List.of()), ResultInformation.INITIAL_SILENCE_TIMEOUT),
                new RecognizeCanceled(CALL, aRecognition(List.of())),
                new ContinuousDtmfRecognitionStopped(CALL, aPhoneParticipant(), Optional.of("dtmf-ctx"),
                        OperationCallback.OWN),
                new SendDtmfTonesCompleted(CALL, Optional.of("send-ctx"), OperationCallback.OWN),
                new SendDtmfTonesFailed(CALL, Optional.empty(), OperationCallback.OWN,
                        ResultInformation.tonesNotSent("")),
                new HoldFailed(CALL, aPhoneParticipant(), Optional.empty(), OperationCallback.OWN,
                        ResultInformation.downloadFailed("404")),
                new CancelAddParticipantSucceeded(CALL, aUserParticipant(), Optional.of("cancel-ctx"),
                        OperationCallback.OWN),
                new CancelAddParticipantFailed(CALL, "p-9", Optional.empty(), OperationCallback.OWN,
                        ResultInformation.invitationNotCanceled("")),
                new CallTransferAccepted(CALL, aPhoneParticipant().identifier(),
                        new PhoneNumberIdentifier("+15550100001"), Optional.of("xfer"), OperationCallback.OWN),
                new CallTransferFailed(CALL, Optional.empty(), OperationCallback.OWN,
                        ResultInformation.transferFailed("busy")),
                new RecordingStateChanged(CALL, "server-1", new Recording(RecordingId.of(CALL, "r"),
                        RecordingSpec.mixed(), RecordingState.ACTIVE, Instant.parse("2026-12-01T10:00:00Z")),
                        RecordingState.ACTIVE),
                new MediaStreamingChanged(CALL, Content.AUDIO, MediaStreamingChanged.Status.STARTED,
                        MediaStreamingChanged.Detail.SUBSCRIPTION_STARTED, ResultInformation.STREAMING_STARTED,
                        Optional.of("stream-ctx"), OperationCallback.OWN),
                new MoveParticipantSucceeded(CALL, aPhoneParticipant().movedIn(), CallConnectionId.of("lobby"),
                        Optional.of("move-ctx"), OperationCallback.OWN),
                new MoveParticipantFailed(CALL, aPhoneParticipant().identifier(), CallConnectionId.of("lobby"),
                        Optional.empty(), OperationCallback.OWN, ResultInformation.moveFailed("another network")));
    }

    /** A DTMF recognition of the phone participant that collected the given tones. */
    static RecognizeOperation aRecognition(List<Tone> tones) {
        RecognizeOperation requested = RecognizeOperation.requested(MediaOperationId.of("rec-1"), LegId.of("leg-1"),
                new DtmfOptions(3, Set.of(Tone.POUND), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Optional.empty(), false, Optional.of("rec-ctx"), OperationCallback.OWN);
        for (Tone tone : tones) {
            requested = requested.with(tone);
        }
        return requested;
    }
}
