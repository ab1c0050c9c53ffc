package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.CallHistoryUseCase;
import io.switchboard.application.port.in.GetCallUseCase;
import io.switchboard.application.port.out.EventOutbox.Attempt;
import io.switchboard.application.port.out.EventOutbox.State;
import io.switchboard.application.port.out.EventOutbox.Stored;
import io.switchboard.domain.call.CallConnectionId;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Switchboard extension, not part of ACS: {@code GET /switchboard/calls/{callConnectionId}/events}, signed like
 * the rest of the API, lists the events told to the call's application, oldest first, each as it was sent with its
 * delivery attempts and their outcomes: {@code {"callConnectionId", "value": [{"sequence", "id", "target",
 * "acceptedAt", "state": pending|delivered|givenUp, "attempts": [{"number", "at", "status", "detail", "durationMs",
 * "state", "nextAttemptAt"}], "event"}]}}. A call with no events kept and not known answers 404.
 */
final class EventHistoryHandler {

    private final CallHistoryUseCase history;
    private final GetCallUseCase calls;

    EventHistoryHandler(CallHistoryUseCase history, GetCallUseCase calls) {
        this.history = history;
        this.calls = calls;
    }

    void list(RoutingContext rc) {
        CallConnectionId id = CallConnectionId.of(rc.pathParam("callId"));
        CompletionStage<List<Stored>> events = history.events(id).thenCompose(found -> found.isEmpty()
                ? calls.getCall(id).thenApply(known -> found) // fails with 404 if the call is not known either
                : CompletableFuture.completedFuture(found));
        Replies.json(rc, events, 200, found -> render(id, found));
    }

    private static JsonNode render(CallConnectionId id, List<Stored> events) {
        ObjectNode page = JsonRequest.MAPPER.createObjectNode().put("callConnectionId", id.value());
        ArrayNode value = page.putArray("value");
        for (Stored stored : events) {
            ObjectNode event = value.addObject()
                    .put("sequence", stored.seq())
                    .put("id", stored.event().eventId())
                    .put("target", stored.event().target().toString())
                    .put("acceptedAt", stored.event().acceptedAt().toString())
                    .put("state", name(stored.state()));
            ArrayNode attempts = event.putArray("attempts");
            for (Attempt attempt : stored.attempts()) {
                ObjectNode node = attempts.addObject()
                        .put("number", attempt.number())
                        .put("at", attempt.at().toString());
                attempt.status().ifPresent(status -> node.put("status", status));
                node.put("detail", attempt.detail())
                        .put("durationMs", attempt.took().toMillis())
                        .put("state", name(attempt.state()));
                attempt.nextAttempt().ifPresent(next -> node.put("nextAttemptAt", next.toString()));
            }
            try {
                event.set("event", JsonRequest.MAPPER.readTree(stored.event().body()));
            } catch (IOException e) {
                event.put("event", new String(stored.event().body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return page;
    }

    private static String name(State state) {
        return switch (state) {
            case PENDING -> "pending";
            case DELIVERED -> "delivered";
            case GIVEN_UP -> "givenUp";
        };
    }
}
