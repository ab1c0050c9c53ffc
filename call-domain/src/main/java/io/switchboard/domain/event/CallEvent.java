package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;

/**
 * Something that happened to a call that the application is told about. The REST-facing adapters map each
 * permitted type to the wire of the API the call was created with.
 */
public sealed interface CallEvent permits CallConnectionStateChanged, ParticipantsUpdated, ToneReceived,
        PlayCompleted, PlayFailed, PlayCanceled, AddParticipantSucceeded, AddParticipantFailed,
        RemoveParticipantSucceeded {

    CallConnectionId callId();
}
