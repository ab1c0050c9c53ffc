package io.switchboard.application.port.in;

import java.util.Objects;

/**
 * The use cases an API adapter drives, handed over as one value.
 *
 * @param callControl what the GA API adds (recognition, DTMF, mute, hold, invitation cancel, transfer)
 */
public record CallUseCases(CreateCallUseCase createCall, HangUpUseCase hangUp, PlayAudioUseCase playAudio,
                           CancelMediaProcessingUseCase cancelMedia, InviteParticipantsUseCase inviteParticipants,
                           RemoveParticipantUseCase removeParticipant, GetCallUseCase getCall,
                           CallControlUseCases callControl) {

    public CallUseCases {
        Objects.requireNonNull(createCall, "createCall");
        Objects.requireNonNull(hangUp, "hangUp");
        Objects.requireNonNull(playAudio, "playAudio");
        Objects.requireNonNull(cancelMedia, "cancelMedia");
        Objects.requireNonNull(inviteParticipants, "inviteParticipants");
        Objects.requireNonNull(removeParticipant, "removeParticipant");
        Objects.requireNonNull(getCall, "getCall");
        Objects.requireNonNull(callControl, "callControl");
    }
}
