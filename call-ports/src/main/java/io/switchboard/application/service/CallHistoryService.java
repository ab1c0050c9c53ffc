package io.switchboard.application.service;

import io.switchboard.application.port.in.CallHistoryUseCase;
import io.switchboard.application.port.out.EventOutbox.Stored;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.domain.call.CallConnectionId;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** A call's events as the outbox keeps them. */
public final class CallHistoryService implements CallHistoryUseCase {

    private final EventOutbox outbox;

    public CallHistoryService(EventOutbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public CompletionStage<List<Stored>> events(CallConnectionId call) {
        return outbox.history(Objects.requireNonNull(call, "call"));
    }
}
