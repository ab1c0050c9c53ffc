package io.switchboard.application.port.out;

/** Why an offered call is refused: the API's reasons, and nobody answering it in time. */
public enum RejectReason {
    /** The application declined it (ACS {@code none}). */
    DECLINED,
    /** ACS {@code busy}. */
    BUSY,
    /** ACS {@code forbidden}. */
    FORBIDDEN,
    /** Not answered within the ring timeout, or nobody listens for incoming calls. */
    UNANSWERED
}
