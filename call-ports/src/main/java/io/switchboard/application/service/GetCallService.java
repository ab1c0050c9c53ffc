package io.switchboard.application.service;

import io.switchboard.application.port.in.GetCallUseCase;
import io.switchboard.application.port.in.LiveCallsUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads calls, in order with the changes made to them. */
public final class GetCallService implements GetCallUseCase, LiveCallsUseCase {

    private final Calls calls;

    GetCallService(Calls calls) {
        this.calls = calls;
    }

    @Override
    public CompletionStage<Call> getCall(CallConnectionId callId) {
        return calls.read(callId);
    }

    @Override
    public List<Call> liveCalls() {
        return calls.live();
    }
}
