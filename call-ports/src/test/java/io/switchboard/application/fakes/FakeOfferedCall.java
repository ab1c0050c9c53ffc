package io.switchboard.application.fakes;

import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ringing call that records what the core did with it; it can send callers only to the targets it is given. */
public final class FakeOfferedCall implements OfferedCall {

    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final List<CommunicationIdentifier> redirectable;

    public FakeOfferedCall(CommunicationIdentifier... redirectable) {
        this.redirectable = List.of(redirectable);
    }

    @Override
    public void answer(CallConnectionId call, LegId leg) {
        actions.add("answer " + call.value() + " " + leg.value());
    }

    @Override
    public void reject(RejectReason reason) {
        actions.add("reject " + reason);
    }

    @Override
    public CompletionStage<Void> redirect(CommunicationIdentifier target) {
        if (!redirectable.contains(target)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no address for " + target.rawId()));
        }
        actions.add("redirect " + target.rawId());
        return CompletableFuture.completedFuture(null);
    }

    /** What was done, in order: {@code answer <call> <leg>}, {@code reject <reason>}, {@code redirect <rawId>}. */
    public List<String> actions() {
        return List.copyOf(actions);
    }
}
