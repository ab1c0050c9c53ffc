package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.CallEvent;

/**
 * Tells the application what happened, at the call's callback target.
 *
 * <p>Non-blocking: accepting the event only queues it. Events published for one call are delivered in the order
 * published; an accepted event is not lost to a slow or failing receiver (delivery is retried).
 */
public interface CallEventPublisher {

    void publish(CallbackTarget target, CallEvent event);
}
