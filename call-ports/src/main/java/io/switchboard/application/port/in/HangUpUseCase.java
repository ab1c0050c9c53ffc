package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;

import java.util.concurrent.CompletionStage;

/** Ends a call for everyone in it. */
public interface HangUpUseCase {

    /**
     * Hangs up every leg of the call; the call is disconnecting until the last leg has ended. Non-blocking.
     *
     * @return the call as it now is; fails with {@code CALL_NOT_FOUND} or {@code CALL_TERMINATED}
     */
    CompletionStage<Call> hangUp(CallConnectionId callId);

    /**
     * The application leaves (ACS GA hang-up): with two or more connected participants they stay connected to each
     * other and only the application's call connection ends; otherwise the same as {@link #hangUp}. Non-blocking.
     *
     * @return the call as it now is; fails with {@code CALL_NOT_FOUND} or {@code CALL_TERMINATED}
     */
    default CompletionStage<Call> leave(CallConnectionId callId) {
        return hangUp(callId);
    }
}
