package io.switchboard.domain.call;

import java.util.Objects;

/** A business rejection of a request: the call is unknown, in the wrong state, or the request is not allowed. */
public final class CallAutomationException extends RuntimeException {

    private final ErrorCode code;

    public CallAutomationException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
