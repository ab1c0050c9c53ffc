package io.switchboard.adapter.journal;

import java.nio.file.Path;

/** The journal file cannot be used; the message names it and says what to do. */
public final class JournalException extends RuntimeException {

    public JournalException(Path file, String problem, Throwable cause) {
        super("journal " + file + " " + problem, cause);
    }
}
