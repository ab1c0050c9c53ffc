package io.switchboard.adapter.webhook;

import io.switchboard.domain.call.CallConnectionId;
import io.vertx.core.buffer.Buffer;

import java.net.URI;
import java.time.Instant;

/**
 * One accepted event on its way to the receiver: serialised once, so every attempt sends the same bytes and id.
 * Confined to the publisher's context after acceptance (the attempt counter is mutable).
 */
final class Delivery {

    final String eventId;
    final CallConnectionId callId;
    final URI uri;
    final byte[] body;
    final Buffer buffer;
    final Instant acceptedAt;
    int failedAttempts;

    Delivery(String eventId, CallConnectionId callId, URI uri, byte[] body, Instant acceptedAt) {
        this.eventId = eventId;
        this.callId = callId;
        this.uri = uri;
        this.body = body;
        this.buffer = Buffer.buffer(body);
        this.acceptedAt = acceptedAt;
    }

    /** For log lines: call and event id, which an operator greps for. */
    @Override
    public String toString() {
        return "call " + callId.value() + " event " + eventId;
    }
}
