package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.MediaStreamingCommand;
import io.switchboard.application.port.in.TranscriptionCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;
import io.switchboard.domain.streaming.TranscriptionSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The GA API's streaming options ({@code mediaStreamingOptions} and {@code transcriptionOptions} of CreateCall and
 * AnswerCall) and the start, stop and update requests. Enum values are read in any case, as ACS does
 * ({@code Pcm16KMono} in Microsoft's samples). {@code speechRecognitionModelEndpointId} (a custom Azure model) is
 * accepted and selects nothing; {@code enableIntermediateResults: true} is refused: only final results are sent.
 */
final class GaStreamingRequests {

    private static final String FIELD = "mediaStreamingOptions";
    private static final String TRANSCRIPTION = "transcriptionOptions";

    private GaStreamingRequests() {
    }

    static Optional<StreamingSpec> options(ObjectNode body) {
        return JsonRequest.field(body, FIELD).map(GaStreamingRequests::spec);
    }

    static Optional<TranscriptionSpec> transcription(ObjectNode body) {
        return JsonRequest.field(body, TRANSCRIPTION).map(GaStreamingRequests::transcriptionSpec);
    }

    static MediaStreamingCommand command(CallConnectionId call, ObjectNode body) {
        return new MediaStreamingCommand(call, GaRequests.context(body), GaRequests.operationCallback(body));
    }

    /** StartTranscription, StopTranscription, UpdateTranscription: {@code locale} where given. */
    static TranscriptionCommand transcriptionCommand(CallConnectionId call, ObjectNode body) {
        Optional<String> locale = JsonRequest.optionalText(body, "locale", "");
        locale.ifPresent(TranscriptionSpec::requireLocale);
        JsonRequest.optionalText(body, "speechRecognitionModelEndpointId", "");
        return new TranscriptionCommand(call, locale, GaRequests.context(body), GaRequests.operationCallback(body));
    }

    private static TranscriptionSpec transcriptionSpec(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(TRANSCRIPTION + ": " + node + " (expected: an object)");
        }
        choice(node, TRANSCRIPTION, "transportType", "websocket", "websocket");
        URI transportUrl = webSocket(JsonRequest.text(node, "transportUrl", TRANSCRIPTION), TRANSCRIPTION);
        String locale = JsonRequest.text(node, "locale", TRANSCRIPTION);
        boolean start = JsonRequest.bool(node, "startTranscription", TRANSCRIPTION, false);
        if (JsonRequest.bool(node, "enableIntermediateResults", TRANSCRIPTION, false)) {
            throw new IllegalArgumentException(TRANSCRIPTION + ".enableIntermediateResults: true (expected: false; "
                    + "this server sends final results only)");
        }
        JsonRequest.optionalText(node, "speechRecognitionModelEndpointId", TRANSCRIPTION);
        JsonRequest.optionalText(node, "speechModelEndpointId", TRANSCRIPTION);
        return JsonRequest.within(TRANSCRIPTION, () -> new TranscriptionSpec(transportUrl, locale, start));
    }

    private static StreamingSpec spec(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(FIELD + ": " + node + " (expected: an object)");
        }
        choice(node, FIELD, "transportType", "websocket", "websocket");
        choice(node, FIELD, "contentType", "audio", "audio");
        Channels channels = Channels.valueOf(choice(node, FIELD, "audioChannelType", null, "mixed", "unmixed")
                .toUpperCase(Locale.ROOT));
        int rate = choice(node, FIELD, "audioFormat", "pcm16kmono", "pcm16KMono", "pcm24KMono").equals("pcm24kmono")
                ? 24_000 : 16_000;
        URI transportUrl = webSocket(JsonRequest.text(node, "transportUrl", FIELD), FIELD);
        boolean start = JsonRequest.bool(node, "startMediaStreaming", FIELD, false);
        boolean bidirectional = JsonRequest.bool(node, "enableBidirectional", FIELD, false);
        boolean tones = JsonRequest.bool(node, "enableDtmfTones", FIELD, false);
        return JsonRequest.within(FIELD, () -> new StreamingSpec(transportUrl, channels, rate, start, bidirectional,
                tones));
    }

    /** A {@code transportUrl} that parses as a URI; that it is a WebSocket URL the domain checks. */
    private static URI webSocket(String text, String parent) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(parent + ".transportUrl: " + text
                    + " (expected: an absolute ws:// or wss:// URL)");
        }
    }

    /** The field's value, lower case, one of {@code allowed} (any case); {@code absent} if missing, else required. */
    private static String choice(JsonNode node, String parent, String field, String absent, String... allowed) {
        Optional<String> value = JsonRequest.optionalText(node, field, parent);
        if (value.isEmpty()) {
            if (absent == null) {
                throw new IllegalArgumentException(parent + "." + field + ": missing (expected: "
                        + String.join(" or ", allowed) + ")");
            }
            return absent;
        }
        for (String option : allowed) {
            if (option.equalsIgnoreCase(value.get())) {
                return option.toLowerCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException(parent + "." + field + ": " + value.get() + " (expected: "
                + String.join(" or ", allowed) + ")");
    }
}
