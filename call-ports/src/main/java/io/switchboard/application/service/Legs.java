package io.switchboard.application.service;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Dials participants' legs; a target no network can reach ends at once as unreachable (8544). */
final class Legs {

    private final Telephony telephony;
    private final Calls calls;

    Legs(Telephony telephony, Calls calls) {
        this.telephony = telephony;
        this.calls = calls;
    }

    /** Must run on the call's executor; returns the call after any immediate failures. */
    Call dial(Call call, List<Participant> participants, Optional<PhoneNumberIdentifier> callerId, Duration ring) {
        Call current = call;
        for (Participant p : participants) {
            if (telephony.canReach(p.identifier())) {
                telephony.dial(new DialRequest(call.id(), p.leg(), p.identifier(), callerId, ring));
            } else {
                current = calls.apply(current.legEnded(p.leg(), ResultInformation.unreachable(
                        "No route to " + p.identifier().rawId() + ".")));
            }
        }
        return current;
    }
}
