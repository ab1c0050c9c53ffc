package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Optional;

/**
 * Something that happened to a call that the application is told about. The REST-facing adapters map each
 * permitted type to the wire of the API the call was created with.
 */
public sealed interface CallEvent permits CallConnectionStateChanged, ParticipantsUpdated, ToneReceived,
        PlayCompleted, PlayFailed, PlayCanceled, AddParticipantSucceeded, AddParticipantFailed,
        RemoveParticipantSucceeded, RecognizeCompleted, RecognizeFailed, RecognizeCanceled,
        ContinuousDtmfRecognitionStopped, SendDtmfTonesCompleted, SendDtmfTonesFailed, HoldFailed,
        CancelAddParticipantSucceeded, CancelAddParticipantFailed, CallTransferAccepted, CallTransferFailed,
        RecordingStateChanged, MediaStreamingChanged, MoveParticipantSucceeded, MoveParticipantFailed {

    CallConnectionId callId();

    /**
     * Where this event goes instead of the call's callback: the {@code operationCallbackUri} of the request that
     * started the operation it reports, if it gave one. Events of no operation go to the call's callback.
     */
    default Optional<URI> operationCallbackUri() {
        return Optional.empty();
    }
}
