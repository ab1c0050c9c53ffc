package io.switchboard.domain.call;

/**
 * Why a request was rejected. Each code carries the ACS error code number the wire reports; mapping to an HTTP
 * status is the REST adapter's concern.
 */
public enum ErrorCode {
    INVALID_REQUEST(8523),
    CALL_NOT_FOUND(8522),
    PARTICIPANT_NOT_FOUND(8522),
    RECORDING_NOT_FOUND(8522),
    /** A call already has a recording running: one at a time. */
    RECORDING_ACTIVE(8500),
    CALL_NOT_ESTABLISHED(8501),
    MEDIA_OPERATION_ACTIVE(8500),
    CALL_TERMINATED(8528),
    INVALID_STATE(8585),
    TOO_MANY_PARTICIPANTS(8523),
    NOT_SUPPORTED(8520),
    /** The server cannot take the work now (e.g. the disk is below its free-space floor for a new recording). */
    UNAVAILABLE(8500),
    /** A feature of the API this server does not offer yet (text-to-speech, speech recognition): 400, not 405. */
    FEATURE_NOT_AVAILABLE(8520);

    private final int acsCode;

    ErrorCode(int acsCode) {
        this.acsCode = acsCode;
    }

    public int acsCode() {
        return acsCode;
    }
}
