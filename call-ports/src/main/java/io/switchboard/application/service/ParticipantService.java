package io.switchboard.application.service;

import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.InviteParticipantsUseCase;
import io.switchboard.application.port.in.MoveParticipantsCommand;
import io.switchboard.application.port.in.MoveParticipantsUseCase;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.application.port.in.RemoveParticipantUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Invites participants into calls, removes them, and moves them between calls. */
public final class ParticipantService implements InviteParticipantsUseCase, RemoveParticipantUseCase,
        MoveParticipantsUseCase {

    private final Calls calls;
    private final IdGenerator ids;
    private final Telephony telephony;

    ParticipantService(Calls calls, IdGenerator ids, Telephony telephony) {
        this.calls = calls;
        this.ids = ids;
        this.telephony = telephony;
    }

    /** Who leaves the call they are in: those telephony can carry into the other call, and those it cannot. */
    private record Departures(List<Participant> movers, List<CommunicationIdentifier> refused) {
    }

    @Override
    public CompletionStage<List<Participant>> inviteParticipants(InviteParticipantsCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            List<Participant> invitees = command.participants().stream()
                    .map(t -> Participant.invitee(ParticipantId.of(ids.newId()), t, LegId.of(ids.newId()),
                            command.operationContext(), replyTo))
                    .toList();
            calls.apply(call.invite(invitees, command.callerId(), command.ringTimeout()));
            return invitees;
        });
    }

    @Override
    public CompletionStage<Participant> removeParticipant(RemoveParticipantCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            Call next = calls.apply(call.removeParticipant(command.participant(), command.operationContext(), replyTo));
            return next.participant(command.participant()).orElseThrow();
        });
    }

    /**
     * Checks the call moved into, then takes the participants out of their call on its executor, then brings them in
     * on the other's: the legs belong to one call or the other at every moment, and a leg that ended on the way is
     * reported to the call that has it by then (see {@link Telephony#moveLeg}).
     */
    @Override
    public CompletionStage<List<Participant>> moveParticipants(MoveParticipantsCommand command) {
        return calls.read(command.callId()).thenCompose(target -> {
            target.requireRoomFor(command.participants().size());
            List<LegId> into = target.participants().stream().map(Participant::leg).toList();
            return calls.onCall(command.fromCall(), source -> depart(source, command, into));
        }).thenCompose(departures -> calls.onOperation(command.callId(), command.operationCallbackUri(),
                (target, replyTo) -> {
            Call next = target;
            if (!departures.movers().isEmpty()) {
                next = calls.apply(next.movedHere(departures.movers(), command.fromCall(),
                        command.operationContext(), replyTo));
            }
            if (!departures.refused().isEmpty()) {
                next = calls.apply(next.moveFailed(departures.refused(), command.fromCall(),
                        command.operationContext(), replyTo, ResultInformation.moveFailed(
                                "The network of its leg cannot carry it into call " + target.id() + ".")));
            }
            return next.connectedParticipants();
        }));
    }

    private Departures depart(Call source, MoveParticipantsCommand command, List<LegId> into) {
        List<Participant> named = command.participants().stream().map(source::movable).distinct().toList();
        List<Participant> movers = named.stream().filter(p -> telephony.canMove(p.leg(), into)).toList();
        Call rest = source;
        for (Participant mover : movers) {
            rest = calls.apply(rest.movedAway(mover));
        }
        return new Departures(movers, named.stream().filter(p -> !movers.contains(p))
                .map(Participant::identifier).toList());
    }
}
