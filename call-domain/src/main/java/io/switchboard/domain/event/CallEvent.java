package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;

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
     * Where the operation this event reports was asked for, so where the event goes: to that connection alone (see
     * {@link OperationCallback}). Empty for an event of no operation (the call's state, its participants, a tone),
     * which the call's callback and every application connected to the call hear of.
     */
    default Optional<OperationCallback> replyTo() {
        return Optional.empty();
    }
}
