package io.switchboard.application.service;

import io.switchboard.application.port.in.ConnectCallCommand;
import io.switchboard.application.port.in.ConnectCallUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.Connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Connects other applications to the calls running here, by server call id. */
public final class ConnectCallService implements ConnectCallUseCase {

    private final Calls calls;
    private final IdGenerator ids;

    ConnectCallService(Calls calls, IdGenerator ids) {
        this.calls = calls;
        this.ids = ids;
    }

    @Override
    public CompletionStage<Connected> connect(ConnectCallCommand command) {
        Call found = calls.registry().findByServerCallId(command.serverCallId()).orElse(null);
        if (found == null) {
            return CompletableFuture.failedFuture(new CallAutomationException(ErrorCode.CALL_NOT_FOUND,
                    "No call with serverCallId " + command.serverCallId() + " runs here."));
        }
        Connection connection = new Connection(CallConnectionId.of(ids.newId()), command.callback(),
                command.operationContext());
        return calls.onCall(found.id(), call -> new Connected(calls.apply(call.connect(connection)),
                connection.id()));
    }
}
