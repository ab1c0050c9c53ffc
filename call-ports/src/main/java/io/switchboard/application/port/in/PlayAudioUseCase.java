package io.switchboard.application.port.in;

import io.switchboard.domain.media.PlayOperation;

import java.util.concurrent.CompletionStage;

/** Plays an audio file into a call. */
public interface PlayAudioUseCase {

    /**
     * Starts the play: the file is fetched and decoded, then played; its end (completed, failed or canceled) is
     * reported as an event. Non-blocking.
     *
     * @return the running operation; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED} or
     *         {@code MEDIA_OPERATION_ACTIVE}
     */
    CompletionStage<PlayOperation> playAudio(PlayAudioCommand command);
}
