package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Reports a participant's key presses one by one ({@code ContinuousDtmfRecognitionToneReceived}). */
public interface ContinuousDtmfUseCase {

    /**
     * @return the participant; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     *         {@code PARTICIPANT_NOT_FOUND} or {@code INVALID_STATE}
     */
    CompletionStage<Participant> startContinuousDtmfRecognition(ParticipantOperationCommand command);

    /** Stops the reports; {@code ContinuousDtmfRecognitionStopped} follows. Fails as the start does. */
    CompletionStage<Participant> stopContinuousDtmfRecognition(ParticipantOperationCommand command);
}
