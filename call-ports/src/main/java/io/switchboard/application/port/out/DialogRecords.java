package io.switchboard.application.port.out;

import java.util.List;
import java.util.Objects;

/**
 * The signalling dialogs of answered legs, kept while they last, so that a server that stopped without ending them
 * (a crash, a kill) ends them at its next start instead of leaving the far end on a silent line. The telephony adapter
 * writes each dialog in its own text form and is the only one to read it. Thread-safe; writes never block.
 */
public interface DialogRecords {

    /** Keeps nothing: a crash leaves the far ends to their own timers. */
    DialogRecords NONE = new DialogRecords() {
        @Override
        public void opened(Dialog dialog) {
        }

        @Override
        public void closed(String leg) {
        }

        @Override
        public List<Dialog> leftOpen() {
            return List.of();
        }
    };

    /**
     * A dialog of a leg.
     *
     * @param leg  the leg's id
     * @param form what the adapter needs to end it, in its own text form
     */
    record Dialog(String leg, String form) {

        public Dialog {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(form, "form");
        }
    }

    /** Keeps a dialog (in the background). */
    void opened(Dialog dialog);

    /** Forgets a leg's dialog: it ended. */
    void closed(String leg);

    /** The dialogs kept when the server last stopped: all of them were left open by it. Read at start (blocks). */
    List<Dialog> leftOpen();
}
