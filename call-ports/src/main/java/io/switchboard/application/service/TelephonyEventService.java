package io.switchboard.application.service;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.call.Transition;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;

/** Applies what telephony reports to the calls, each on its call's executor. */
public final class TelephonyEventService implements HandleTelephonyEventUseCase {

    private final Calls calls;
    private final Telephony telephony;

    TelephonyEventService(Calls calls, Telephony telephony) {
        this.calls = calls;
        this.telephony = telephony;
    }

    @Override
    public void legAnswered(LegId leg) {
        calls.registry().findByLeg(leg).ifPresent(id -> calls.report(id, call -> call.legAnswered(leg)));
    }

    @Override
    public void legEnded(LegId leg, ResultInformation cause) {
        calls.registry().findByLeg(leg).ifPresent(id -> calls.report(id, call -> ended(call, leg, cause)));
    }

    private Transition ended(Call call, LegId leg, ResultInformation cause) {
        Transition transition = call.legEnded(leg, cause);
        if (transition.call().state().isEnded()) {
            call.play().filter(PlayOperation::isActive).ifPresent(p -> telephony.stopPlayback(call.id(), p.id()));
        }
        return transition;
    }

    @Override
    public void playEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
        calls.report(call, current -> current.playEnded(outcome));
    }

    @Override
    public void toneReceived(LegId leg, Tone tone) {
        calls.registry().findByLeg(leg).ifPresent(id -> calls.report(id, call -> call.toneReceived(leg, tone)));
    }
}
