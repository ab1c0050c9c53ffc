package io.switchboard.domain.call;

import java.util.Objects;

/**
 * The outcome of asynchronous work as ACS reports it: an HTTP-like {@code code}, an ACS {@code subCode} and a
 * human-readable message. The constants are the values ACS sends.
 */
public record ResultInformation(int code, int subCode, String message) {

    /**
     * A call that was live when the server stopped (crash or restart) and was ended at its next start. ACS has no code
     * for this (its calls outlive a server); 500/8500 keeps it apart from every code ACS sends.
     */
    public static final ResultInformation SERVER_RESTARTED =
            new ResultInformation(500, 8500, "The call ended because the server restarted.");
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

    public static final ResultInformation RECOGNIZED_MAX_TONES =
            new ResultInformation(200, 8531, "Action completed, max digits received.");
    public static final ResultInformation RECOGNIZED_STOP_TONE =
            new ResultInformation(200, 8514, "Action completed, stop tone detected.");
    public static final ResultInformation RECOGNIZED_CHOICE =
            new ResultInformation(200, 8533, "Action completed, DTMF option matched.");
    public static final ResultInformation SPEECH_OPTION_MATCHED =
            new ResultInformation(200, 8545, "Action completed, speech option matched.");
    public static final ResultInformation SPEECH_RECOGNIZED =
            new ResultInformation(200, 0, "Action completed successfully, speech recognized.");
    public static final ResultInformation SPEECH_OPTION_NOT_MATCHED =
            new ResultInformation(400, 8547, "Action failed, speech option not matched.");
    public static final ResultInformation SPEECH_NOT_RECOGNIZED =
            new ResultInformation(400, 8563, "Action failed, speech could not be recognized.");
    public static final ResultInformation INCORRECT_TONE =
            new ResultInformation(400, 8534, "Action failed, incorrect tone detected.");
    public static final ResultInformation INITIAL_SILENCE_TIMEOUT =
            new ResultInformation(400, 8510, "Action failed, initial silence timeout reached.");
    public static final ResultInformation INTER_TONE_TIMEOUT =
            new ResultInformation(400, 8532, "Action failed, inter-digit silence timeout reached.");
    public static final ResultInformation TONES_SENT = new ResultInformation(200, 0, "Successfully sent tones.");
    public static final ResultInformation INVITATION_CANCELED =
            new ResultInformation(200, 0, "Successfully cancelled add participant.");
    public static final ResultInformation MOVED = new ResultInformation(200, 0, "Participant moved.");
    public static final ResultInformation TRANSFER_ACCEPTED =
            new ResultInformation(202, 0, "The transfer operation completed successfully.");

    public static final ResultInformation STREAMING_STARTED =
            new ResultInformation(200, 0, "Action completed successfully.");
    public static final ResultInformation STREAMING_STOPPED =
            new ResultInformation(200, 0, "Action completed successfully.");
    public static final ResultInformation TRANSCRIPTION_UPDATED =
            new ResultInformation(200, 0, "Action completed successfully.");

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

    /** Speech could not be synthesized: the engine failed or is busy (ACS: a speech service internal error). */
    public static ResultInformation synthesisFailed(String detail) {
        return new ResultInformation(500, 8567, "Action failed, speech could not be synthesized. " + detail);
    }

    /** The speech engine failed or is unavailable (8564). */
    public static ResultInformation speechServiceFailed(String detail) {
        return new ResultInformation(500, 8564, "Action failed, speech service connection error: " + detail);
    }

    /** Tones could not be sent into a leg (the network cannot, or the leg is gone). */
    public static ResultInformation tonesNotSent(String detail) {
        return new ResultInformation(400, 8520, "Action failed, tones could not be sent. " + detail);
    }

    /** A pending invitation could not be canceled: unknown, already answered or already ended. */
    public static ResultInformation invitationNotCanceled(String detail) {
        return new ResultInformation(400, 8523, "Cancel add participant failed. " + detail);
    }

    /** A transfer could not be done; {@code cause} says why the target was not reached. */
    public static ResultInformation transferFailed(String detail) {
        return new ResultInformation(500, 8583, "Transfer failed. " + detail);
    }

    /** A participant could not be moved into another call. */
    public static ResultInformation moveFailed(String detail) {
        return new ResultInformation(500, 8583, "Move participant failed. " + detail);
    }

    /**
     * A media stream's WebSocket could not be opened, or was lost: ACS publishes no code for it; 500 with this
     * server's subcode 8590 says which.
     */
    public static ResultInformation streamingFailed(String detail) {
        return new ResultInformation(500, 8590, "Media streaming failed: " + detail);
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }
}
