package io.switchboard.application.service;

import io.switchboard.application.port.in.CallHistoryUseCase;
import io.switchboard.application.port.in.ResendEventUseCase;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.application.port.out.EventOutbox.State;
import io.switchboard.application.port.out.EventOutbox.Stored;
import io.switchboard.application.port.out.EventRedelivery;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** A call's events as the outbox keeps them, and the resend of those given up. */
public final class CallHistoryService implements CallHistoryUseCase, ResendEventUseCase {

    private final EventOutbox outbox;
    private final EventRedelivery redelivery;

    public CallHistoryService(EventOutbox outbox, EventRedelivery redelivery) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
    }

    /** History only: nothing is resent. */
    public CallHistoryService(EventOutbox outbox) {
        this(outbox, EventRedelivery.NONE);
    }

    @Override
    public CompletionStage<List<Stored>> events(CallConnectionId call) {
        return outbox.history(Objects.requireNonNull(call, "call"));
    }

    @Override
    public CompletionStage<Void> resend(CallConnectionId call, long seq) {
        return events(call).thenCompose(events -> {
            if (events.stream().noneMatch(e -> e.seq() == seq && e.state() == State.GIVEN_UP)) {
                throw notGivenUp(call, seq);
            }
            return redelivery.resend(seq);
        }).thenAccept(resent -> {
            if (!resent) {
                throw notGivenUp(call, seq);
            }
        });
    }

    private static CallAutomationException notGivenUp(CallConnectionId call, long seq) {
        return new CallAutomationException(ErrorCode.INVALID_REQUEST, "seq: " + seq + " (expected: the sequence number "
                + "of a given-up event of call " + call.value() + ")");
    }
}
