package io.switchboard.adapter.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.connection.Connection;
import io.switchboard.domain.connection.Lifecycle;
import io.switchboard.domain.connection.Roster;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A call's record in the journal, as JSON: what the API shows of it (setup, state, end, participants). Its media is
 * not recorded: it does not outlive the process. Written by this class only, so its form is this class's to change
 * (with a new field read as optional).
 */
final class CallRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CallRecords() {
    }

    static String write(Call call) {
        ObjectNode record = JSON.createObjectNode()
                .put("id", call.id().value())
                .put("serverCallId", call.serverCallId())
                .put("createdAt", call.createdAt().toString())
                .put("state", call.state().name())
                .put("wasConnected", call.wasConnected());
        call.endResult().ifPresent(result -> record.putObject("endResult").put("code", result.code())
                .put("subCode", result.subCode()).put("message", result.message()));
        CallSetup setup = call.setup();
        ObjectNode written = record.putObject("setup");
        setup.source().ifPresent(source -> written.put("source", source.rawId()));
        setup.callerId().ifPresent(number -> written.put("callerId", number.value()));
        setup.subject().ifPresent(subject -> written.put("subject", subject));
        written.put("callbackUri", setup.callback().uri().toString())
                .put("schema", setup.callback().schema().name());
        ArrayNode requested = written.putArray("requestedEvents");
        setup.requestedEvents().forEach(event -> requested.add(event.name()));
        setup.operationContext().ifPresent(context -> written.put("operationContext", context));
        written.put("answered", setup.answered());
        ArrayNode participants = record.putArray("participants");
        for (Participant p : call.participants()) {
            ObjectNode node = participants.addObject()
                    .put("id", p.id().value())
                    .put("rawId", p.identifier().rawId())
                    .put("leg", p.leg().value())
                    .put("state", p.state().name())
                    .put("joined", p.joined())
                    .put("muted", p.muted())
                    .put("invited", p.invited())
                    .put("onHold", p.onHold());
            p.operationContext().ifPresent(context -> node.put("operationContext", context));
            p.operationCallback().uri().ifPresent(uri -> node.put("operationCallbackUri", uri.toString()));
            p.operationCallback().connection().ifPresent(asker -> node.put("operationConnection", asker.value()));
        }
        record.put("sequence", call.participantsSequence()).put("toneSequence", call.toneSequence());
        ArrayNode connections = record.putArray("connections");
        for (Connection c : call.connections()) {
            ObjectNode node = connections.addObject().put("id", c.id().value())
                    .put("callbackUri", c.callback().uri().toString()).put("schema", c.callback().schema().name());
            c.operationContext().ifPresent(context -> node.put("operationContext", context));
        }
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call " + call.id() + ": record not written", e);
        }
    }

    static Call read(String text) {
        JsonNode record;
        try {
            record = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a call record is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode setup = record.path("setup");
        Set<RequestedCallEvent> requested = EnumSet.noneOf(RequestedCallEvent.class);
        setup.path("requestedEvents").forEach(name -> requested.add(RequestedCallEvent.valueOf(name.asText())));
        CallSetup callSetup = new CallSetup(text(setup, "source").map(CommunicationIdentifier::parseRawId),
                text(setup, "callerId").map(PhoneNumberIdentifier::new), text(setup, "subject"),
                new CallbackTarget(URI.create(setup.path("callbackUri").asText()),
                        EventSchema.valueOf(setup.path("schema").asText())),
                requested, text(setup, "operationContext"), setup.path("answered").asBoolean(), Optional.empty(),
                Optional.empty());
        Optional<ResultInformation> end = record.has("endResult")
                ? Optional.of(new ResultInformation(record.path("endResult").path("code").asInt(),
                record.path("endResult").path("subCode").asInt(), record.path("endResult").path("message").asText()))
                : Optional.empty();
        List<Participant> participants = new ArrayList<>();
        for (JsonNode p : record.path("participants")) {
            participants.add(new Participant(ParticipantId.of(p.path("id").asText()),
                    CommunicationIdentifier.parseRawId(p.path("rawId").asText()), LegId.of(p.path("leg").asText()),
                    ParticipantState.valueOf(p.path("state").asText()), p.path("joined").asBoolean(),
                    p.path("muted").asBoolean(), p.path("invited").asBoolean(), text(p, "operationContext"),
                    p.path("onHold").asBoolean(), new OperationCallback(text(p, "operationConnection")
                            .map(CallConnectionId::of), text(p, "operationCallbackUri").map(URI::create))));
        }
        return Call.restored(CallConnectionId.of(record.path("id").asText()), record.path("serverCallId").asText(),
                callSetup, Instant.parse(record.path("createdAt").asText()),
                new Lifecycle(CallState.valueOf(record.path("state").asText()),
                        record.path("wasConnected").asBoolean(), end),
                new Roster(participants, record.path("sequence").asInt(), record.path("toneSequence").asInt(),
                        Set.of()), connections(record));
    }

    /** Other applications' connections ({@code connect}); records of earlier versions have none. */
    private static List<Connection> connections(JsonNode record) {
        List<Connection> connections = new ArrayList<>();
        for (JsonNode c : record.path("connections")) {
            connections.add(new Connection(CallConnectionId.of(c.path("id").asText()),
                    new CallbackTarget(URI.create(c.path("callbackUri").asText()),
                            EventSchema.valueOf(c.path("schema").asText())), text(c, "operationContext")));
        }
        return connections;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
