package io.switchboard.application.service;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;

/** Applies what telephony reports to the calls, each on its call's executor. */
public final class TelephonyEventService implements HandleTelephonyEventUseCase {

    private final Calls calls;

    TelephonyEventService(Calls calls) {
        this.calls = calls;
    }

    @Override
    public void legAnswered(LegId leg) {
        calls.registry().findByLeg(leg).ifPresent(id -> calls.report(id, call -> call.legAnswered(leg)));
    }

    @Override
    public void legEnded(LegId leg, ResultInformation cause) {
        calls.registry().findByLeg(leg).ifPresent(id ->
                calls.report(id, call -> call.legEnded(leg, cause)));
    }

    @Override
    public void playEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
        calls.report(call, current -> current.playEnded(outcome));
    }

    @Override
    public void legHeld(LegId leg, boolean held) {
        calls.registry().findByLeg(leg).ifPresent(id -> calls.report(id, call -> call.heldByRemote(leg, held)));
    }

    @Override
    public void toneReceived(LegId leg, Tone tone) {
        calls.registry().findByLeg(leg).ifPresent(id ->
                calls.report(id, call -> call.toneReceived(leg, tone)));
    }
}
