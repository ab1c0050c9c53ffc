package io.switchboard.application.service;

import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.InviteParticipantsUseCase;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.application.port.in.RemoveParticipantUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Invites participants into calls and removes them. */
public final class ParticipantService implements InviteParticipantsUseCase, RemoveParticipantUseCase {

    private final Calls calls;
    private final Legs legs;
    private final Telephony telephony;
    private final IdGenerator ids;
    private final CallSettings settings;

    ParticipantService(Calls calls, Legs legs, Telephony telephony, IdGenerator ids, CallSettings settings) {
        this.calls = calls;
        this.legs = legs;
        this.telephony = telephony;
        this.ids = ids;
        this.settings = settings;
    }

    @Override
    public CompletionStage<List<Participant>> inviteParticipants(InviteParticipantsCommand command) {
        return calls.onCall(command.callId(), call -> {
            List<Participant> invitees = command.participants().stream()
                    .map(t -> Participant.invitee(ParticipantId.of(ids.newId()), t, LegId.of(ids.newId()),
                            command.operationContext(), command.operationCallbackUri()))
                    .toList();
            Call next = calls.apply(call.invite(invitees));
            legs.dial(next, invitees, command.callerId().or(() -> call.setup().callerId()),
                    command.ringTimeout().orElse(settings.ringTimeout()));
            return invitees;
        });
    }

    @Override
    public CompletionStage<Participant> removeParticipant(RemoveParticipantCommand command) {
        return calls.onCall(command.callId(), call -> {
            Call next = calls.apply(call.removeParticipant(command.participant(), command.operationContext(),
                    command.operationCallbackUri()));
            Participant removed = next.participant(command.participant()).orElseThrow();
            telephony.hangUp(removed.leg());
            return removed;
        });
    }
}
