package io.switchboard.adapter.rest.acs;

import io.switchboard.domain.call.ErrorCode;

/** The HTTP status ACS answers for each business rejection, shared by both API flavours. */
final class ErrorStatus {

    private ErrorStatus() {
    }

    /** Exhaustive on purpose: a new {@link ErrorCode} does not compile until it is given a status here. */
    static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, CALL_NOT_ESTABLISHED, MEDIA_OPERATION_ACTIVE, CALL_TERMINATED, INVALID_STATE,
                    TOO_MANY_PARTICIPANTS, FEATURE_NOT_AVAILABLE, RECORDING_ACTIVE -> 400;
            case CALL_NOT_FOUND, PARTICIPANT_NOT_FOUND, RECORDING_NOT_FOUND -> 404;
            case NOT_SUPPORTED -> 405;
            case UNAVAILABLE -> 503;
        };
    }
}
