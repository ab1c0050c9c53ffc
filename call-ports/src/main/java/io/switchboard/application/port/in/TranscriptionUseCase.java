package io.switchboard.application.port.in;

import java.util.concurrent.CompletionStage;

/** Starts, stops and re-tunes a call's live transcription, set up when it was created or answered. */
public interface TranscriptionUseCase {

    /**
     * Opens the transcription's connection; {@code TranscriptionStarted} follows once it is open,
     * {@code TranscriptionFailed} if it cannot be. Fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     * {@code INVALID_REQUEST} (none set up, or a language the recognizer does not know) or
     * {@code MEDIA_OPERATION_ACTIVE} (started already).
     */
    CompletionStage<Void> startTranscription(TranscriptionCommand command);

    /** Stops it; {@code TranscriptionStopped} follows. Fails with {@code INVALID_STATE} unless it runs. */
    CompletionStage<Void> stopTranscription(TranscriptionCommand command);

    /** Goes on in the command's language; {@code TranscriptionUpdated} follows. Fails as the stop does. */
    CompletionStage<Void> updateTranscription(TranscriptionCommand command);
}
