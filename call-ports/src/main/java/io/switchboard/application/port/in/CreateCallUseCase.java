package io.switchboard.application.port.in;

import io.switchboard.domain.connection.Call;

import java.util.concurrent.CompletionStage;

/** Places a call: every target is dialled on its own leg; the outcome arrives as events. */
public interface CreateCallUseCase {

    /**
     * Creates the call and starts dialling. Non-blocking.
     *
     * @return the call as created (state connecting); fails with a {@code CallAutomationException} if refused
     */
    CompletionStage<Call> createCall(CreateCallCommand command);
}
