package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.CallEvent;

/**
 * Tells the application what happened, at the call's callback target.
 *
 * <p>Non-blocking: accepting the event only queues it. Events published for one call are delivered in the order
 * published; an accepted event is not lost to a slow or failing receiver (delivery is retried).
 */
public interface CallEventPublisher {

    /**
     * Tells {@code target} of the event as the connection {@code connection} sees it: the event's call, told to
     * another application connected to it (ACS's {@code connect}) under that connection's id; else the event's own
     * call id.
     */
    void publish(CallbackTarget target, CallEvent event, CallConnectionId connection);

    /** Tells {@code target} of the event under its call's own id. */
    default void publish(CallbackTarget target, CallEvent event) {
        publish(target, event, event.callId());
    }
}
