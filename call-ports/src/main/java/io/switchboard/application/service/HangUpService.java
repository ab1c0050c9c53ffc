package io.switchboard.application.service;

import io.switchboard.application.port.in.HangUpUseCase;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Hangs up every leg of a call. */
public final class HangUpService implements HangUpUseCase {

    private final Calls calls;
    private final Telephony telephony;
    private final MediaReactions reactions;

    HangUpService(Calls calls, Telephony telephony, MediaReactions reactions) {
        this.calls = calls;
        this.telephony = telephony;
        this.reactions = reactions;
    }

    @Override
    public CompletionStage<Call> hangUp(CallConnectionId callId) {
        return calls.onCall(callId, call -> {
            Call next = calls.apply(call.hangUp());
            reactions.after(call, next);
            next.participants().stream().map(Participant::leg).forEach(telephony::hangUp);
            return next;
        });
    }

    @Override
    public CompletionStage<Call> leave(CallConnectionId callId) {
        return calls.onCall(callId, call -> {
            Call next = calls.apply(call.leave());
            reactions.after(call, next);
            next.participants().stream().filter(p -> !p.isConnected()).map(Participant::leg)
                    .forEach(telephony::hangUp);
            return next;
        });
    }
}
