package io.switchboard.application.port.out;

import io.switchboard.domain.call.ResultInformation;

import java.util.Objects;

/** Audio could not be had: the result says why, in ACS's codes. */
public final class AudioUnavailableException extends RuntimeException {

    private final transient ResultInformation result;

    public AudioUnavailableException(ResultInformation result) {
        super(result.message(), null, false, false);
        this.result = Objects.requireNonNull(result, "result");
    }

    public ResultInformation result() {
        return result;
    }
}
