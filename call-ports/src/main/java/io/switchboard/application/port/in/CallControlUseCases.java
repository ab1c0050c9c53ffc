package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.participant.Participant;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The call-control use cases the GA API adds to those of the origin API, handed over as one value. */
public record CallControlUseCases(MuteParticipantUseCase mute, CancelAddParticipantUseCase cancelAddParticipant,
                                  RecognizeUseCase recognize, ContinuousDtmfUseCase continuousDtmf,
                                  SendDtmfTonesUseCase sendDtmfTones, HoldUseCase hold,
                                  TransferCallUseCase transfer) {

    public CallControlUseCases {
        Objects.requireNonNull(mute, "mute");
        Objects.requireNonNull(cancelAddParticipant, "cancelAddParticipant");
        Objects.requireNonNull(recognize, "recognize");
        Objects.requireNonNull(continuousDtmf, "continuousDtmf");
        Objects.requireNonNull(sendDtmfTones, "sendDtmfTones");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(transfer, "transfer");
    }

    /** Use cases that refuse everything with {@code NOT_SUPPORTED}: for cores assembled without call control. */
    public static CallControlUseCases unsupported() {
        ContinuousDtmfUseCase dtmf = new ContinuousDtmfUseCase() {
            @Override
            public CompletionStage<Participant> startContinuousDtmfRecognition(
                    ParticipantOperationCommand command) {
                return refused();
            }

            @Override
            public CompletionStage<Participant> stopContinuousDtmfRecognition(
                    ParticipantOperationCommand command) {
                return refused();
            }
        };
        HoldUseCase hold = new HoldUseCase() {
            @Override
            public CompletionStage<Participant> hold(HoldCommand command) {
                return refused();
            }

            @Override
            public CompletionStage<Participant> unhold(
                    ParticipantOperationCommand command) {
                return refused();
            }
        };
        return new CallControlUseCases(c -> refused(), c -> refused(), c -> refused(), dtmf, c -> refused(), hold,
                c -> refused());
    }

    private static <T> CompletionStage<T> refused() {
        return CompletableFuture.failedFuture(
                new CallAutomationException(ErrorCode.NOT_SUPPORTED, "Call control is not available."));
    }
}
