package io.switchboard.application.port.in;

import io.switchboard.domain.connection.CallSetup;

import java.util.Objects;

/**
 * Answer a ringing call (ACS AnswerCall).
 *
 * @param setup the call connection's callback, operation context, and {@code answeredBy} as its source
 */
public record AnswerCallCommand(String incomingCallContext, CallSetup setup) {

    public AnswerCallCommand {
        Objects.requireNonNull(incomingCallContext, "incomingCallContext");
        Objects.requireNonNull(setup, "setup");
    }
}
