package io.switchboard.adapter.media;

/** The bytes are not audio this adapter can decode; the message says what was found and what is expected. */
final class InvalidAudioException extends RuntimeException {

    InvalidAudioException(String message) {
        super(message, null, false, false);
    }
}
