package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.out.IncomingCallNotice;
import io.switchboard.application.port.out.IncomingCallNotifier;
import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Tells the application of calls ringing here the way ACS does, through an Event Grid subscription: a POST of a
 * one-element array of an Event Grid event {@code Microsoft.Communication.IncomingCall} to one configured endpoint,
 * signed, ordered and retried like the call events (each incoming call is its own queue). The endpoint is the
 * operator's choice, so there is no subscription validation handshake.
 */
final class EventGridIncomingCalls implements IncomingCallNotifier {

    static final String TOPIC = "/switchboard/communicationServices/switchboard";

    private final ObjectMapper mapper = new ObjectMapper();
    private final WebhookCallEventPublisher publisher;
    private final URI endpoint;
    private final Clock clock;

    EventGridIncomingCalls(WebhookCallEventPublisher publisher, URI endpoint, Clock clock) {
        this.publisher = publisher;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public void notify(IncomingCallNotice notice) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        publisher.accept(new Delivery(id, CallConnectionId.of("incoming-" + notice.serverCallId()), endpoint,
                body(notice, id, now), now));
    }

    byte[] body(IncomingCallNotice notice, String id, Instant at) {
        ArrayNode events = mapper.createArrayNode();
        ObjectNode event = events.addObject()
                .put("id", id)
                .put("topic", TOPIC)
                .put("subject", "/caller/" + notice.from().rawId() + "/recipient/" + notice.to().rawId())
                .put("eventType", "Microsoft.Communication.IncomingCall");
        ObjectNode data = event.putObject("data");
        data.set("to", IdentifierJson.of(notice.to()));
        data.set("from", IdentifierJson.of(notice.from()));
        data.put("serverCallId", notice.serverCallId());
        notice.callerDisplayName().ifPresent(name -> data.put("callerDisplayName", name));
        data.put("incomingCallContext", notice.incomingCallContext());
        data.put("correlationId", notice.correlationId());
        event.put("dataVersion", "1.0").put("metadataVersion", "1").put("eventTime", at.toString());
        try {
            return mapper.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incoming call notice could not be serialised", e);
        }
    }
}
