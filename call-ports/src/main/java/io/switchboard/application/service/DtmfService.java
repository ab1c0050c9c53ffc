package io.switchboard.application.service;

import io.switchboard.application.port.in.ContinuousDtmfUseCase;
import io.switchboard.application.port.in.ParticipantOperationCommand;
import io.switchboard.application.port.in.SendDtmfTonesCommand;
import io.switchboard.application.port.in.SendDtmfTonesUseCase;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Continuous DTMF recognition and sending tones. */
public final class DtmfService implements ContinuousDtmfUseCase, SendDtmfTonesUseCase {

    private final Calls calls;
    private final Telephony telephony;

    DtmfService(Calls calls, Telephony telephony) {
        this.calls = calls;
        this.telephony = telephony;
    }

    @Override
    public CompletionStage<Participant> startContinuousDtmfRecognition(ParticipantOperationCommand command) {
        return calls.onCall(command.callId(), call -> {
            Call next = calls.apply(call.startContinuousDtmf(command.participant()));
            return next.participant(command.participant()).orElseThrow();
        });
    }

    @Override
    public CompletionStage<Participant> stopContinuousDtmfRecognition(ParticipantOperationCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            Call next = calls.apply(call.stopContinuousDtmf(command.participant(), command.operationContext(),
                    replyTo));
            return next.participant(command.participant()).orElseThrow();
        });
    }

    @Override
    public CompletionStage<Participant> sendDtmfTones(SendDtmfTonesCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            Participant target = connected(call, command.participant());
            sent(call, target, command).whenComplete((ignored, error) -> calls.report(call.id(),
                    current -> current.tonesSent(command.operationContext(), replyTo,
                            Optional.ofNullable(error).map(DtmfService::why))));
            return target;
        });
    }

    private CompletionStage<Void> sent(Call call, Participant target, SendDtmfTonesCommand command) {
        try {
            return telephony.sendTones(call.id(), target.leg(), command.tones());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static Participant connected(Call call, String participant) {
        if (call.state() != CallState.CONNECTED) {
            throw new CallAutomationException(call.state().isEnded() ? ErrorCode.CALL_TERMINATED
                    : ErrorCode.CALL_NOT_ESTABLISHED, "Call " + call.id() + " is "
                    + call.state().name().toLowerCase() + " (expected: connected).");
        }
        Participant target = call.participant(participant).orElseThrow(() -> new CallAutomationException(
                ErrorCode.PARTICIPANT_NOT_FOUND, "Participant " + participant + " is not in call " + call.id() + "."));
        if (!target.isConnected()) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE,
                    "Participant " + participant + " is not connected to call " + call.id() + ".");
        }
        return target;
    }

    private static ResultInformation why(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return ResultInformation.tonesNotSent(String.valueOf(cause.getMessage()));
    }
}
