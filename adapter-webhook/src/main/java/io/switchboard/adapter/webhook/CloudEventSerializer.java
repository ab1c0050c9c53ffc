package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.event.CallEvent;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Turns a {@link CallEvent} into the request body of its callback: one CloudEvent 1.0, bare for the origin schema,
 * inside a one-element array for GA (the GA SDK's parser reads element 0 of an array). Stateless and thread-safe.
 */
final class CloudEventSerializer {

    private final ObjectMapper mapper = new ObjectMapper();
    private final EventMappings origin = OriginEventMapping.create();
    private final EventMappings ga;

    CloudEventSerializer(String gaApiVersion) {
        this.ga = GaEventMapping.create(gaApiVersion);
    }

    EventMappings mappings(EventSchema schema) {
        return switch (schema) {
            case ORIGIN_2021 -> origin;
            case GA -> ga;
        };
    }

    /**
     * @return the body, or empty if the schema does not send this event
     * @throws IllegalStateException if the event type has no mapping in the schema
     */
    Optional<byte[]> serialize(EventSchema schema, CallEvent event, String id, Instant time) {
        return serialize(schema, event, id, time, event.callId());
    }

    /** As told to the connection {@code connection} of the event's call: under its id (ACS's {@code connect}). */
    Optional<byte[]> serialize(EventSchema schema, CallEvent event, String id, Instant time,
                               CallConnectionId connection) {
        return mappings(schema).map(event).map(wire -> {
            if (!connection.equals(event.callId()) && wire.data().has("callConnectionId")) {
                wire.data().put("callConnectionId", connection.value());
            }
            ObjectNode cloudEvent = envelope(wire, connection, id, time);
            return write(schema == EventSchema.GA ? mapper.createArrayNode().add(cloudEvent) : cloudEvent);
        });
    }

    private ObjectNode envelope(WireEvent wire, CallConnectionId connection, String id, Instant time) {
        String source = "calling/callConnections/" + connection.value();
        ObjectNode cloudEvent = mapper.createObjectNode()
                .put("id", id)
                .put("source", source)
                .put("subject", source)
                .put("type", wire.type())
                .put("specversion", "1.0")
                .put("datacontenttype", "application/json")
                .put("time", DateTimeFormatter.ISO_INSTANT.format(time));
        cloudEvent.set("data", wire.data());
        return cloudEvent;
    }

    private byte[] write(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; failing here is a bug, not a runtime condition.
            throw new IllegalStateException("callback body could not be serialised", e);
        }
    }
}
