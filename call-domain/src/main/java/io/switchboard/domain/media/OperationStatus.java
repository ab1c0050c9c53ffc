package io.switchboard.domain.media;

/** The life of a media operation, as the origin API reports it. */
public enum OperationStatus {
    NOT_STARTED,
    RUNNING,
    COMPLETED,
    FAILED
}
