package io.switchboard.examples.incident;

import io.switchboard.domain.call.ResultInformation;

/** How calling a contact ended, as the report groups it. */
enum Outcome {
    ACKNOWLEDGED("reached & acknowledged"),
    REACHED_NO_ACK("reached, no ack"),
    BUSY("busy"),
    NO_ANSWER("no answer"),
    FAILED("failed");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Worth one more try later: the contact may be free or near the phone then. */
    boolean retryable() {
        return this == BUSY || this == NO_ANSWER;
    }

    /**
     * A call that never connected, by why it ended: 486 busy; 480 unavailable (what a ring timeout reports), 408 and
     * 487 no answer; anything else (unreachable, declined, ...) failed.
     */
    static Outcome notConnected(ResultInformation result) {
        return switch (result.code()) {
            case 486 -> BUSY;
            case 480, 408, 487 -> NO_ANSWER;
            default -> FAILED;
        };
    }
}
