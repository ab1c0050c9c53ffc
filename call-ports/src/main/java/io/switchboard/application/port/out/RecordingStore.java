package io.switchboard.application.port.out;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where recordings are kept: the files telephony writes and the documents describing them, until deleted (by the
 * application, or by the store's retention). Thread-safe; methods do small, local file-system work.
 */
public interface RecordingStore {

    /**
     * Where telephony is to write the audio of a new document; the directory exists.
     *
     * @throws IOException if the disk is below the store's free-space floor (the message says so) or the directory
     *                     cannot be made
     */
    Path newFile(String documentId) throws IOException;

    /** Keeps the document of a completed recording, its audio being at {@link #newFile}'s path. */
    void completed(RecordingDocument document) throws IOException;

    Optional<RecordingDocument> find(String documentId);

    /** The audio of a kept document. */
    Optional<Path> content(String documentId);

    /** Deletes a document and its audio; false if there was none. */
    boolean delete(String documentId) throws IOException;
}
