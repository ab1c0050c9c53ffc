package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a CloudEvent of either callback schema (the origin 2021 one, or ACS GA's) into domain events, for
 * applications that receive callbacks their own way; {@link CallbackHandler} uses it behind its signature check.
 * Events whose wire lacks what the domain event holds are completed from what earlier callbacks of the same call
 * said. The two schemas' type names do not collide except {@code ParticipantsUpdated}, whose
 * decoder reads both shapes, so one table keyed by name serves both. Thread-safe (the memory is).
 */
public final class CallbackDecoder {

    static final String TYPE_PREFIX = "Microsoft.Communication.";

    private final Map<String, Function<JsonObject, List<CallEvent>>> byName = new HashMap<>();
    private final CallMemory memory;

    /** A decoder that remembers what the last 10,000 calls' callbacks said. */
    public static CallbackDecoder create() {
        return new CallbackDecoder(new CallMemory(10_000));
    }

    CallbackDecoder(CallMemory memory) {
        this.memory = memory;
        on("ParticipantsUpdated", this::participantsUpdated);
        OriginCallbackDecoding.register(this, memory);
        GaCallbackDecoding.register(this, memory);
    }

    CallbackDecoder on(String name, Function<JsonObject, List<CallEvent>> decoder) {
        byName.put(name, decoder);
        return this;
    }

    /**
     * @return the events of the CloudEvent (usually one; an origin invitation result names every invitee), or empty
     *         if its type is not one this decoder knows
     * @throws IllegalArgumentException if the data does not fit its type
     */
    public Optional<List<CallEvent>> decode(String type, JsonObject cloudEvent) {
        if (!type.startsWith(TYPE_PREFIX)) {
            return Optional.empty();
        }
        Function<JsonObject, List<CallEvent>> decoder = byName.get(type.substring(TYPE_PREFIX.length()));
        if (decoder == null) {
            return Optional.empty();
        }
        return Optional.of(decoder.apply(WireFields.object(cloudEvent, "data")));
    }

    /** Origin lists {@code participantId}; GA does not, so the raw id stands in. Only GA sends {@code isOnHold}. */
    private List<CallEvent> participantsUpdated(JsonObject data) {
        CallConnectionId call = WireFields.callId(data);
        JsonArray nodes = data.getJsonArray("participants", new JsonArray());
        List<Participant> participants = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!(nodes.getValue(i) instanceof JsonObject node)) {
                throw new IllegalArgumentException("participants[" + i + "]: " + nodes.getValue(i)
                        + " (expected: an object)");
            }
            CommunicationIdentifier identifier = WireFields.identifier(WireFields.object(node, "identifier"));
            String id = WireFields.optionalText(node, "participantId").orElse(identifier.rawId());
            participants.add(WireFields.participant(id, identifier, ParticipantState.CONNECTED, true,
                    node.getBoolean("isMuted", false), false, Optional.empty())
                    .withOnHold(node.getBoolean("isOnHold", false)));
        }
        memory.participants(call, participants);
        return List.of(new ParticipantsUpdated(call, WireFields.integer(data, "sequenceNumber"), participants));
    }
}
