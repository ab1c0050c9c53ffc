package io.switchboard.application.port.in;

import java.util.Objects;

/** The call-control use cases the GA API adds to those of the origin API, handed over as one value. */
public record CallControlUseCases(MuteParticipantUseCase mute, CancelAddParticipantUseCase cancelAddParticipant,
                                  RecognizeUseCase recognize, ContinuousDtmfUseCase continuousDtmf,
                                  SendDtmfTonesUseCase sendDtmfTones, HoldUseCase hold,
                                  TransferCallUseCase transfer, RecordingUseCase recording,
                                  MediaStreamingUseCase streaming, TranscriptionUseCase transcription,
                                  MoveParticipantsUseCase move, ConnectCallUseCase connect) {

    public CallControlUseCases {
        Objects.requireNonNull(mute, "mute");
        Objects.requireNonNull(cancelAddParticipant, "cancelAddParticipant");
        Objects.requireNonNull(recognize, "recognize");
        Objects.requireNonNull(continuousDtmf, "continuousDtmf");
        Objects.requireNonNull(sendDtmfTones, "sendDtmfTones");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(streaming, "streaming");
        Objects.requireNonNull(transcription, "transcription");
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(connect, "connect");
    }
}
