package io.switchboard.domain.call;

import java.util.Objects;

/**
 * The outcome of asynchronous work as ACS reports it: an HTTP-like {@code code}, an ACS {@code subCode} and a
 * human-readable message. The constants are the values ACS sends.
 */
public record ResultInformation(int code, int subCode, String message) {

    public static final ResultInformation CONNECTING = new ResultInformation(200, 0, "Call is connecting.");
    public static final ResultInformation CONNECTED = new ResultInformation(200, 0, "Call connected.");
    public static final ResultInformation PLAY_COMPLETED = new ResultInformation(200, 0, "Action completed successfully.");
    public static final ResultInformation OPERATION_CANCELED =
            new ResultInformation(400, 8508, "Action falied, the operation was cancelled.");
    public static final ResultInformation HUNG_UP_BY_APPLICATION =
            new ResultInformation(200, 7000, "The conversation has ended.");
    public static final ResultInformation REMOTE_HUNG_UP =
            new ResultInformation(200, 5001, "Remote party hung up.");
    public static final ResultInformation ADDED = new ResultInformation(200, 0, "Participant added.");

    public ResultInformation {
        Objects.requireNonNull(message, "message");
    }

    public static ResultInformation busy(String detail) {
        return new ResultInformation(486, 8539, "Callee is busy. " + detail);
    }

    public static ResultInformation declined(String detail) {
        return new ResultInformation(603, 8538, "Callee declined the call. " + detail);
    }

    public static ResultInformation unavailable(String detail) {
        return new ResultInformation(480, 8541, "Callee is unavailable. " + detail);
    }

    public static ResultInformation unreachable(String detail) {
        return new ResultInformation(404, 8544, "Callee is unreachable. " + detail);
    }

    public static ResultInformation canceled(String detail) {
        return new ResultInformation(487, 8542, "Call was canceled. " + detail);
    }

    public static ResultInformation downloadFailed(String detail) {
        return new ResultInformation(400, 8536, "Action failed, file could not be downloaded. " + detail);
    }

    public static ResultInformation invalidFileFormat(String detail) {
        return new ResultInformation(400, 8535, "Action failed, file format is invalid. " + detail);
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }
}
