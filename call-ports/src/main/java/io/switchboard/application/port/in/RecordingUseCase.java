package io.switchboard.application.port.in;

import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Call recording (ACS's {@code /calling/recordings}) and the recordings kept for download. The stages fail with
 * {@link io.switchboard.domain.call.CallAutomationException}: {@code CALL_NOT_FOUND}, {@code RECORDING_NOT_FOUND},
 * {@code RECORDING_ACTIVE}, {@code CALL_NOT_ESTABLISHED}, or {@code INVALID_REQUEST} when the disk is too full.
 */
public interface RecordingUseCase {

    CompletionStage<Recording> start(StartRecordingCommand command);

    /** The recording while it runs. */
    CompletionStage<Recording> state(RecordingId recording);

    CompletionStage<Void> pause(RecordingId recording, boolean paused);

    CompletionStage<Void> stop(RecordingId recording);

    /** A completed recording kept for download. */
    Optional<RecordingDocument> document(String documentId);

    Optional<Path> content(String documentId);

    /** Deletes a kept recording; false if there was none. */
    boolean delete(String documentId);
}
