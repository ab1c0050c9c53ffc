package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.MediaStreamingCommand;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The GA API's media streaming options ({@code mediaStreamingOptions} of CreateCall and AnswerCall) and its
 * start/stop requests. Enum values are read in any case, as ACS does ({@code Pcm16KMono} in Microsoft's samples).
 * {@code transcriptionOptions} are refused: live transcription is not offered by this server yet.
 */
final class GaStreamingRequests {

    private static final String FIELD = "mediaStreamingOptions";

    private GaStreamingRequests() {
    }

    static Optional<StreamingSpec> options(ObjectNode body) {
        if (JsonRequest.field(body, "transcriptionOptions").isPresent()) {
            throw new CallAutomationException(ErrorCode.FEATURE_NOT_AVAILABLE, "transcriptionOptions: live "
                    + "transcription is not available on this server (expected: no transcriptionOptions; "
                    + "mediaStreamingOptions stream the audio to transcribe it yourself)");
        }
        return JsonRequest.field(body, FIELD).map(GaStreamingRequests::spec);
    }

    static MediaStreamingCommand command(CallConnectionId call, ObjectNode body) {
        return new MediaStreamingCommand(call, GaRequests.context(body), GaRequests.operationCallback(body));
    }

    private static StreamingSpec spec(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(FIELD + ": " + node + " (expected: an object)");
        }
        choice(node, "transportType", "websocket", "websocket");
        choice(node, "contentType", "audio", "audio");
        Channels channels = Channels.valueOf(choice(node, "audioChannelType", null, "mixed", "unmixed")
                .toUpperCase(Locale.ROOT));
        int rate = choice(node, "audioFormat", "pcm16kmono", "pcm16KMono", "pcm24KMono").equals("pcm24kmono")
                ? 24_000 : 16_000;
        String url = JsonRequest.text(node, "transportUrl", FIELD);
        URI transportUrl = JsonRequest.uri(url, FIELD + ".transportUrl");
        boolean start = JsonRequest.bool(node, "startMediaStreaming", FIELD, false);
        boolean bidirectional = JsonRequest.bool(node, "enableBidirectional", FIELD, false);
        boolean tones = JsonRequest.bool(node, "enableDtmfTones", FIELD, false);
        return JsonRequest.within(FIELD, () -> new StreamingSpec(transportUrl, channels, rate, start, bidirectional,
                tones));
    }

    /** The field's value, lower case, one of {@code allowed} (any case); {@code absent} if missing, else required. */
    private static String choice(JsonNode node, String field, String absent, String... allowed) {
        Optional<String> value = JsonRequest.optionalText(node, field, FIELD);
        if (value.isEmpty()) {
            if (absent == null) {
                throw new IllegalArgumentException(FIELD + "." + field + ": missing (expected: "
                        + String.join(" or ", allowed) + ")");
            }
            return absent;
        }
        for (String option : allowed) {
            if (option.equalsIgnoreCase(value.get())) {
                return option.toLowerCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException(FIELD + "." + field + ": " + value.get() + " (expected: "
                + String.join(" or ", allowed) + ")");
    }
}
