package io.switchboard.application.port.out;

import java.util.concurrent.CompletionStage;

/** The webhook publisher's resend of a given-up event. */
public interface EventRedelivery {

    /** None: nothing is ever resent (no publisher over the outbox). */
    EventRedelivery NONE = seq -> java.util.concurrent.CompletableFuture.completedFuture(false);

    /**
     * Puts the given-up event {@code seq} back to pending in the outbox and makes one more attempt at once.
     *
     * @return whether it was given up (and is now pending again)
     */
    CompletionStage<Boolean> resend(long seq);
}
