package io.switchboard.application.service;

import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.InviteParticipantsUseCase;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.application.port.in.RemoveParticipantUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Invites participants into calls and removes them. */
public final class ParticipantService implements InviteParticipantsUseCase, RemoveParticipantUseCase {

    private final Calls calls;
    private final IdGenerator ids;

    ParticipantService(Calls calls, IdGenerator ids) {
        this.calls = calls;
        this.ids = ids;
    }

    @Override
    public CompletionStage<List<Participant>> inviteParticipants(InviteParticipantsCommand command) {
        return calls.onCall(command.callId(), call -> {
            List<Participant> invitees = command.participants().stream()
                    .map(t -> Participant.invitee(ParticipantId.of(ids.newId()), t, LegId.of(ids.newId()),
                            command.operationContext(), command.operationCallbackUri()))
                    .toList();
            calls.apply(call.invite(invitees, command.callerId(), command.ringTimeout()));
            return invitees;
        });
    }

    @Override
    public CompletionStage<Participant> removeParticipant(RemoveParticipantCommand command) {
        return calls.onCall(command.callId(), call -> {
            Call next = calls.apply(call.removeParticipant(command.participant(), command.operationContext(),
                    command.operationCallbackUri()));
            return next.participant(command.participant()).orElseThrow();
        });
    }
}
