package io.switchboard.application.port.out;

/** The speech engine failed, is busy or shut down: the recognition fails with the message as its reason. */
public final class SpeechUnavailableException extends RuntimeException {

    public SpeechUnavailableException(String message) {
        super(message);
    }

    public SpeechUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
