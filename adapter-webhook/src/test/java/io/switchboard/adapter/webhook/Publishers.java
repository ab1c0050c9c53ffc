package io.switchboard.adapter.webhook;

import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.application.service.InMemoryEventOutbox;
import io.vertx.core.Vertx;

/** Publishers for the tests: posting to loopback, their outbox in memory. */
final class Publishers {

    private Publishers() {
    }

    static WebhookCallEventPublisher inMemory(Vertx vertx, WebhookConfig config) {
        return WebhookCallEventPublisher.create(vertx, config, OutboundPolicy.LOOPBACK, new InMemoryEventOutbox());
    }
}
