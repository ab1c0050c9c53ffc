package io.switchboard.application.port.in;

import io.switchboard.domain.media.PlayOperation;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Cancels the running media operation of a call. */
public interface CancelMediaProcessingUseCase {

    /**
     * Stops the running play at once; its cancellation is reported as an event. Cancelling when nothing plays
     * succeeds and changes nothing.
     *
     * @return the canceled operation, if one was running
     */
    CompletionStage<Optional<PlayOperation>> cancelMediaProcessing(CancelMediaProcessingCommand command);
}
