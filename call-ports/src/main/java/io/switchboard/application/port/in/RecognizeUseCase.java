package io.switchboard.application.port.in;

import io.switchboard.domain.media.RecognizeOperation;

import java.util.concurrent.CompletionStage;

/** Recognises DTMF input. */
public interface RecognizeUseCase {

    /**
     * Starts the recognition: the prompt (if any) is fetched and played to the participant, then tones are collected;
     * the outcome follows as {@code RecognizeCompleted} (8531 max tones, 8514 stop tone), {@code RecognizeFailed}
     * (8510 initial silence, 8532 silence between tones, or the prompt's failure) or {@code RecognizeCanceled}.
     * Non-blocking.
     *
     * @return the running operation; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     *         {@code PARTICIPANT_NOT_FOUND} or {@code MEDIA_OPERATION_ACTIVE}
     */
    CompletionStage<RecognizeOperation> recognize(RecognizeCommand command);
}
