package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.util.concurrent.CompletionStage;

/** An operator's second chance for an event its application never got. */
public interface ResendEventUseCase {

    /**
     * Puts the call's given-up event {@code seq} back to pending and attempts it once more at once; its history shows
     * the new attempt. Non-blocking.
     *
     * @return completes once the event is pending again; fails with {@code INVALID_REQUEST} when the call has no
     *         given-up event with that sequence number
     */
    CompletionStage<Void> resend(CallConnectionId call, long seq);
}
