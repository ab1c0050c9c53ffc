package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin (2021 preview) API's bodies ({@code spec/seed-api.md}): requests written, responses read. A response
 * that does not fit throws {@link IllegalArgumentException} naming the field.
 */
final class OriginWire {

    private OriginWire() {
    }

    static JsonObject createCall(CommunicationIdentifier source, List<CommunicationIdentifier> targets,
                                 CreateCallOptions options) {
        JsonObject body = new JsonObject().put("source", identifier(source)).put("targets", identifiers(targets))
                .put("callbackUri", options.callbackUri().toString())
                .put("requestedModalities", new JsonArray().add("audio"));
        JsonArray events = new JsonArray();
        for (RequestedCallEvent event : RequestedCallEvent.values()) { // in declaration order: a stable body
            if (options.requestedCallEvents().contains(event)) {
                events.add(event == RequestedCallEvent.PARTICIPANTS_UPDATED ? "participantsUpdated" : "dtmfReceived");
            }
        }
        body.put("requestedCallEvents", events);
        options.alternateCallerId().ifPresent(id -> body.put("alternateCallerId", identifier(id)));
        options.subject().ifPresent(subject -> body.put("subject", subject));
        options.ringTimeout().ifPresent(timeout -> body.put("ringTimeoutInSeconds", timeout.toSeconds()));
        return body;
    }

    static JsonObject playAudio(URI audioFileUri, PlayAudioOptions options) {
        JsonObject body = new JsonObject().put("audioFileUri", audioFileUri.toString()).put("loop", options.loop());
        options.operationContext().ifPresent(context -> body.put("operationContext", context));
        options.resourceId().ifPresent(id -> body.put("resourceId", id));
        return body;
    }

    static JsonObject invite(List<CommunicationIdentifier> participants, Optional<String> operationContext,
                             Optional<PhoneNumberIdentifier> alternateCallerId) {
        JsonObject body = new JsonObject().put("participants", identifiers(participants));
        operationContext.ifPresent(context -> body.put("operationContext", context));
        alternateCallerId.ifPresent(id -> body.put("alternateCallerId", identifier(id)));
        return body;
    }

    static JsonObject identifier(CommunicationIdentifier identifier) {
        return IdentifierWire.write(identifier);
    }

    static CallConnectionId callLegId(JsonObject body) {
        return CallConnectionId.of(text(body, "callLegId"));
    }

    static MediaOperation operation(JsonObject body) {
        JsonObject info = body.getValue("resultInfo") instanceof JsonObject object ? object : new JsonObject();
        ResultInformation result = new ResultInformation(info.getInteger("code", 0),
                info.getInteger("subcode", info.getInteger("subCode", 0)), info.getString("message", ""));
        return new MediaOperation(MediaOperationId.of(text(body, "id")), enumOf(OperationStatus.class,
                text(body, "status"), "status"), Optional.ofNullable(body.getString("operationContext")), result);
    }

    static CallConnectionProperties call(JsonObject body) {
        CallConnectionId id = CallConnectionId.of(body.getString("callConnectionId", body.getString("callLegId")));
        CallState state = enumOf(CallState.class, text(body, "callConnectionState"), "callConnectionState");
        List<CallParticipant> participants = new ArrayList<>();
        JsonArray nodes = body.getJsonArray("participants", new JsonArray());
        for (int i = 0; i < nodes.size(); i++) {
            JsonObject node = nodes.getJsonObject(i);
            CommunicationIdentifier identifier = IdentifierWire.read(node.getJsonObject("identifier"),
                    "participants[" + i + "].identifier");
            participants.add(new CallParticipant(ParticipantId.of(node.getString("participantId",
                    identifier.rawId())), identifier, node.getBoolean("isMuted", false)));
        }
        return new CallConnectionProperties(id, state, participants);
    }

    private static JsonArray identifiers(List<? extends CommunicationIdentifier> identifiers) {
        return IdentifierWire.writeAll(identifiers);
    }

    /** {@code notStarted} → {@code NOT_STARTED}. */
    private static <E extends Enum<E>> E enumOf(Class<E> type, String lowerCamel, String field) {
        String constant = lowerCamel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + lowerCamel + " (expected: one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a non-empty string)");
        }
        return text;
    }
}
