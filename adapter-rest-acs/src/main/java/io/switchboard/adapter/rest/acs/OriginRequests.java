package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The origin (2021 preview) API's request bodies, read into commands. Accepts the names of both the original
 * C# sample and the preview swagger ({@code alternateCallerId}/{@code sourceAlternateIdentity},
 * {@code resourceId}/{@code audioFileId}); ignores unknown fields.
 */
final class OriginRequests {

    /** Not in the origin API: an extension letting an application bound the ringing, as ACS's GA API does. */
    static final String RING_TIMEOUT = "ringTimeoutInSeconds";

    private OriginRequests() {
    }

    static CreateCallCommand createCall(ObjectNode body) {
        List<CommunicationIdentifier> targets = identifiers(body, "targets");
        Optional<CommunicationIdentifier> source = JsonRequest.field(body, "source")
                .map(node -> IdentifierJson.read(node, "source"));
        String callback = JsonRequest.text(body, "callbackUri", "");
        URI callbackUri = JsonRequest.uri(callback, "callbackUri");
        CallbackTarget target =
                JsonRequest.at("callbackUri", () -> new CallbackTarget(callbackUri, EventSchema.ORIGIN_2021));
        requireAudioOnly(body);
        CallSetup setup = new CallSetup(source, callerId(body), JsonRequest.optionalText(body, "subject", ""), target,
                requestedEvents(body), JsonRequest.optionalText(body, "operationContext", ""));
        return new CreateCallCommand(targets, setup, ringTimeout(body));
    }

    static PlayAudioCommand playAudio(CallConnectionId callId, ObjectNode body) {
        String uri = JsonRequest.text(body, "audioFileUri", "");
        URI audioFileUri = JsonRequest.uri(uri, "audioFileUri");
        Optional<String> cacheId = JsonRequest.optionalText(body, "resourceId", "")
                .or(() -> JsonRequest.optionalText(body, "audioFileId", ""));
        FilePlaySource source = JsonRequest.at("audioFileUri", () -> new FilePlaySource(audioFileUri, cacheId));
        return new PlayAudioCommand(callId, source, JsonRequest.bool(body, "loop", "", false),
                JsonRequest.optionalText(body, "operationContext", ""));
    }

    static CancelMediaProcessingCommand cancelMedia(CallConnectionId callId, ObjectNode body) {
        return new CancelMediaProcessingCommand(callId, JsonRequest.optionalText(body, "operationContext", ""));
    }

    /** {@code callbackUri} is accepted and ignored: events go to the call's callback. */
    static InviteParticipantsCommand invite(CallConnectionId callId, ObjectNode body) {
        return new InviteParticipantsCommand(callId, identifiers(body, "participants"), callerId(body),
                JsonRequest.optionalText(body, "operationContext", ""), ringTimeout(body));
    }

    private static List<CommunicationIdentifier> identifiers(ObjectNode body, String field) {
        List<JsonNode> nodes = JsonRequest.array(body, field, "", true);
        List<CommunicationIdentifier> identifiers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            identifiers.add(IdentifierJson.read(nodes.get(i), field + "[" + i + "]"));
        }
        return identifiers;
    }

    private static Optional<PhoneNumberIdentifier> callerId(ObjectNode body) {
        for (String field : List.of("alternateCallerId", "sourceAlternateIdentity")) {
            Optional<JsonNode> node = JsonRequest.field(body, field);
            if (node.isPresent()) {
                return Optional.of(IdentifierJson.readPhoneNumber(node.get(), field));
            }
        }
        return Optional.empty();
    }

    private static void requireAudioOnly(ObjectNode body) {
        List<JsonNode> modalities = JsonRequest.array(body, "requestedModalities", "", false);
        for (int i = 0; i < modalities.size(); i++) {
            JsonNode modality = modalities.get(i);
            if (!modality.isTextual() || !modality.textValue().equalsIgnoreCase("audio")) {
                throw new IllegalArgumentException("requestedModalities[" + i + "]: " + modality
                        + " (expected: \"audio\", the only modality supported)");
            }
        }
    }

    private static Set<RequestedCallEvent> requestedEvents(ObjectNode body) {
        List<JsonNode> names = JsonRequest.array(body, "requestedCallEvents", "", false);
        Set<RequestedCallEvent> events = EnumSet.noneOf(RequestedCallEvent.class);
        for (int i = 0; i < names.size(); i++) {
            JsonNode name = names.get(i);
            if (name.isTextual() && name.textValue().equalsIgnoreCase("participantsUpdated")) {
                events.add(RequestedCallEvent.PARTICIPANTS_UPDATED);
            } else if (name.isTextual() && name.textValue().equalsIgnoreCase("dtmfReceived")) {
                events.add(RequestedCallEvent.DTMF_RECEIVED);
            } else {
                throw new IllegalArgumentException("requestedCallEvents[" + i + "]: " + name
                        + " (expected: \"participantsUpdated\" or \"dtmfReceived\")");
            }
        }
        return events;
    }

    private static Optional<Duration> ringTimeout(ObjectNode body) {
        return JsonRequest.integer(body, RING_TIMEOUT, "", 1, 600).map(Duration::ofSeconds);
    }
}
