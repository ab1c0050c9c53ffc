package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.StartRecordingCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingSpec;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of GA {@code POST /calling/recordings} ({@code StartCallRecordingRequest}): what Switchboard records
 * (audio, mixed or unmixed, WAV) is taken; every other choice ACS offers is refused with the field named.
 */
final class GaRecordingRequests {

    private GaRecordingRequests() {
    }

    static StartRecordingCommand start(ObjectNode body) {
        refuse(body, "externalStorage", "recordings are kept by Switchboard and downloaded from it");
        refuse(body, "recordingStorage", "recordings are kept by Switchboard and downloaded from it");
        optionalChoice(body, "recordingContentType", List.of("audio"),
                "audioVideo needs video, which Switchboard's calls do not carry");
        optionalChoice(body, "recordingFormatType", List.of("wav"),
                "mp3 and mp4 need an encoder Switchboard does not ship");
        RecordingChannels channels = optionalChoice(body, "recordingChannelType", List.of("mixed", "unmixed"), "")
                .map(value -> RecordingChannels.valueOf(value.toUpperCase(Locale.ROOT)))
                .orElse(RecordingChannels.MIXED);
        Optional<URI> stateCallback = JsonRequest.optionalText(body, "recordingStateCallbackUri", "")
                .map(text -> callback(text, "recordingStateCallbackUri"));
        boolean pauseOnStart = JsonRequest.bool(body, "pauseOnStart", "", false);
        List<CommunicationIdentifier> order = channelOrder(body);
        RecordingSpec spec = JsonRequest.within("", () -> new RecordingSpec(channels, order, stateCallback,
                pauseOnStart));
        Optional<CallConnectionId> connection = JsonRequest.optionalText(body, "callConnectionId", "")
                .map(id -> JsonRequest.at("callConnectionId", () -> CallConnectionId.of(id)));
        return new StartRecordingCommand(serverCallId(body, connection.isPresent()), connection, spec);
    }

    /** {@code callLocator}: a server call; groups and rooms do not exist here. */
    private static Optional<String> serverCallId(ObjectNode body, boolean connectionGiven) {
        Optional<JsonNode> locator = JsonRequest.field(body, "callLocator");
        if (locator.isEmpty()) {
            if (!connectionGiven) {
                throw new IllegalArgumentException("callLocator: missing (expected: {\"kind\": \"serverCallLocator\","
                        + " \"serverCallId\": the serverCallId of the call's properties})");
            }
            return Optional.empty();
        }
        if (!locator.get().isObject()) {
            throw new IllegalArgumentException("callLocator: " + locator.get()
                    + " (expected: an object with kind serverCallLocator and serverCallId)");
        }
        Optional<String> kind = JsonRequest.optionalText(locator.get(), "kind", "callLocator");
        if (kind.isPresent() && !kind.get().equals("serverCallLocator")) {
            throw new IllegalArgumentException("callLocator.kind: " + kind.get()
                    + " (expected: serverCallLocator; Switchboard has no group calls or rooms)");
        }
        return Optional.of(JsonRequest.text(locator.get(), "serverCallId", "callLocator"));
    }

    /**
     * {@code audioChannelParticipantOrdering} (channel i for the i-th), or {@code channelAffinity} (each
     * participant its channel, which must be 0, 1, … without gaps); not both.
     */
    private static List<CommunicationIdentifier> channelOrder(ObjectNode body) {
        List<JsonNode> ordering = JsonRequest.array(body, "audioChannelParticipantOrdering", "", false);
        List<JsonNode> affinity = JsonRequest.array(body, "channelAffinity", "", false);
        if (!ordering.isEmpty() && !affinity.isEmpty()) {
            throw new IllegalArgumentException("channelAffinity: given with audioChannelParticipantOrdering "
                    + "(expected: one of them)");
        }
        List<CommunicationIdentifier> order = new ArrayList<>();
        for (int i = 0; i < ordering.size(); i++) {
            order.add(IdentifierJson.read(ordering.get(i), "audioChannelParticipantOrdering[" + i + "]"));
        }
        CommunicationIdentifier[] byChannel = new CommunicationIdentifier[affinity.size()];
        for (int i = 0; i < affinity.size(); i++) {
            String path = "channelAffinity[" + i + "]";
            JsonNode entry = affinity.get(i);
            int channel = JsonRequest.integer(entry, "channel", path, 0, affinity.size() - 1).orElse(i);
            if (byChannel[channel] != null) {
                throw new IllegalArgumentException(path + ".channel: " + channel
                        + " (expected: each channel once, 0 to " + (affinity.size() - 1) + ")");
            }
            byChannel[channel] = IdentifierJson.read(JsonRequest.field(entry, "participant").orElse(null),
                    path + ".participant");
        }
        order.addAll(Arrays.asList(byChannel));
        return order;
    }

    private static Optional<String> optionalChoice(ObjectNode body, String field, List<String> allowed,
                                                   String whyNotOthers) {
        return JsonRequest.optionalText(body, field, "").map(value -> {
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException(field + ": " + value + " (expected: " + String.join(" or ", allowed)
                        + (whyNotOthers.isEmpty() ? "" : "; " + whyNotOthers) + ")");
            }
            return value;
        });
    }

    private static void refuse(ObjectNode body, String field, String why) {
        if (JsonRequest.field(body, field).isPresent()) {
            throw new IllegalArgumentException(field + ": not supported (expected: absent; " + why + ")");
        }
    }

    private static URI callback(String text, String field) {
        URI uri = JsonRequest.uri(text, field);
        return JsonRequest.at(field, () -> new CallbackTarget(uri, EventSchema.GA)).uri();
    }
}
