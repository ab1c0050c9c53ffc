package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;

import java.util.concurrent.CompletionStage;

/** Reads a call's current state and participants. */
public interface GetCallUseCase {

    /** @return the call; fails with {@code CALL_NOT_FOUND} */
    CompletionStage<Call> getCall(CallConnectionId callId);
}
