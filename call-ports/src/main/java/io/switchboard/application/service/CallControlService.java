package io.switchboard.application.service;

import io.switchboard.application.port.in.CancelAddParticipantCommand;
import io.switchboard.application.port.in.CancelAddParticipantUseCase;
import io.switchboard.application.port.in.HoldCommand;
import io.switchboard.application.port.in.HoldUseCase;
import io.switchboard.application.port.in.MuteParticipantCommand;
import io.switchboard.application.port.in.MuteParticipantUseCase;
import io.switchboard.application.port.in.ParticipantOperationCommand;
import io.switchboard.application.port.in.TransferCallCommand;
import io.switchboard.application.port.in.TransferCallUseCase;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Mute, hold, invitation cancel and transfer; the call's transitions say what telephony does, but transfer's. */
public final class CallControlService implements MuteParticipantUseCase, HoldUseCase, CancelAddParticipantUseCase,
        TransferCallUseCase {

    private final Calls calls;
    private final Telephony telephony;
    private final Clips clips;

    CallControlService(Calls calls, Telephony telephony, Clips clips) {
        this.calls = calls;
        this.telephony = telephony;
        this.clips = clips;
    }

    @Override
    public CompletionStage<Participant> muteParticipant(MuteParticipantCommand command) {
        return calls.onCall(command.callId(), call -> calls.apply(call.mute(command.participant(), command.muted()))
                .participant(command.participant()).orElseThrow());
    }

    @Override
    public CompletionStage<Participant> hold(HoldCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            command.music().ifPresent(clips::check);
            return calls.apply(call.hold(command.participant(), true, command.music(), command.operationContext(),
                    replyTo)).participant(command.participant()).orElseThrow();
        });
    }

    @Override
    public CompletionStage<Participant> unhold(ParticipantOperationCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) ->
                calls.apply(call.hold(command.participant(), false, Optional.empty(), command.operationContext(),
                        replyTo)).participant(command.participant()).orElseThrow());
    }

    @Override
    public CompletionStage<String> cancelAddParticipant(CancelAddParticipantCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            calls.apply(call.cancelInvitation(command.invitationId(), command.operationContext(), replyTo));
            return command.invitationId();
        });
    }

    @Override
    public CompletionStage<Participant> transfer(TransferCallCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            Participant transferee = command.transferee().map(p -> DtmfService.connected(call, p))
                    .orElseGet(() -> onlyParticipant(call));
            if (!telephony.canReach(command.target())) {
                calls.apply(call.transferFailed(command.operationContext(), replyTo,
                        ResultInformation.unreachable("No route to " + command.target().rawId() + ".")));
                return transferee;
            }
            transferred(call, transferee, command).whenComplete((ignored, error) -> calls.report(call.id(),
                    current -> error == null
                            ? current.transferred(transferee.leg(), command.target(), command.operationContext(),
                            replyTo)
                            : current.transferFailed(command.operationContext(), replyTo,
                            ResultInformation.transferFailed(String.valueOf(cause(error).getMessage())))));
            return transferee;
        });
    }

    private CompletionStage<Void> transferred(Call call, Participant transferee, TransferCallCommand command) {
        try {
            return telephony.transfer(call.id(), transferee.leg(), command.target());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Participant onlyParticipant(Call call) {
        List<Participant> connected = call.connectedParticipants();
        if (connected.size() != 1) {
            throw new CallAutomationException(ErrorCode.INVALID_REQUEST, "transferee: missing (expected: the "
                    + "participant to transfer, as call " + call.id() + " has " + connected.size()
                    + " connected participants)");
        }
        return DtmfService.connected(call, connected.get(0).id().value());
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
