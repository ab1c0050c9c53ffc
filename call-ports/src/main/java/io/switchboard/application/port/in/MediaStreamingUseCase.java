package io.switchboard.application.port.in;

import java.util.concurrent.CompletionStage;

/** Starts and stops a call's media stream, set up when it was created or answered ({@code mediaStreamingOptions}). */
public interface MediaStreamingUseCase {

    /**
     * Opens the stream's connection; {@code MediaStreamingStarted} follows once it is open, {@code MediaStreamingFailed}
     * if it cannot be. Fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED}, {@code INVALID_REQUEST} (no
     * stream set up) or {@code MEDIA_OPERATION_ACTIVE} (started already).
     */
    CompletionStage<Void> startMediaStreaming(MediaStreamingCommand command);

    /** Stops the stream; {@code MediaStreamingStopped} follows. Fails with {@code INVALID_STATE} unless it runs. */
    CompletionStage<Void> stopMediaStreaming(MediaStreamingCommand command);
}
