package io.switchboard.application.service;

import io.switchboard.application.port.in.HangUpUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;

import java.util.concurrent.CompletionStage;

/** Hangs up calls, or leaves them; the call's transitions say which legs telephony hangs up. */
public final class HangUpService implements HangUpUseCase {

    private final Calls calls;

    HangUpService(Calls calls) {
        this.calls = calls;
    }

    @Override
    public CompletionStage<Call> hangUp(CallConnectionId callId) {
        return calls.onCall(callId, call -> calls.apply(call.hangUp()));
    }

    /** Another application's connection ({@code connect}) leaves alone; the call goes on for the others. */
    @Override
    public CompletionStage<Call> leave(CallConnectionId callId) {
        return calls.onCall(callId, call -> calls.apply(call.id().equals(callId) ? call.leave()
                : call.disconnect(callId)));
    }
}
