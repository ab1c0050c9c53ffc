package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.HoldCommand;
import io.switchboard.application.port.in.ParticipantOperationCommand;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.in.SendDtmfTonesCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlaySequence;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.RecognizeInput;
import io.switchboard.domain.media.SpeechOptions;
import io.switchboard.domain.media.SsmlPlaySource;
import io.switchboard.domain.media.TextPlaySource;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.switchboard.adapter.rest.acs.GaRequests.context;
import static io.switchboard.adapter.rest.acs.GaRequests.operationCallback;

/**
 * The GA API's media request bodies: play, recognize, DTMF, hold. Media operations send identifiers without
 * {@code kind}. Play sources are files, text or SSML, several of them played one after the other; recognitions take
 * keys, choices (said or keyed), speech, or speech or keys.
 */
final class GaMediaRequests {

    /** The most choices one recognition may have. */
    static final int MAX_CHOICES = 10;
    /** The most phrases one choice may have. */
    static final int MAX_PHRASES = 20;

    private GaMediaRequests() {
    }

    static PlayAudioCommand play(CallConnectionId callId, ObjectNode body) {
        PlaySource source = sources(JsonRequest.array(body, "playSources", "", true), "playSources").orElseThrow(() ->
                new IllegalArgumentException("playSources: empty (expected: 1 to " + PlaySequence.MAX_SOURCES
                        + " play sources)"));
        List<CommunicationIdentifier> playTo = new ArrayList<>();
        List<JsonNode> targets = JsonRequest.array(body, "playTo", "", false);
        for (int i = 0; i < targets.size(); i++) {
            playTo.add(IdentifierJson.read(targets.get(i), "playTo[" + i + "]"));
        }
        boolean loop = JsonRequest.field(body, "playOptions")
                .map(options -> JsonRequest.bool(options, "loop", "playOptions", false)).orElse(false);
        return new PlayAudioCommand(callId, source, loop, context(body), playTo,
                JsonRequest.bool(body, "interruptCallMediaOperation", "", false), operationCallback(body));
    }

    static RecognizeCommand recognize(CallConnectionId callId, ObjectNode body) {
        RecognizeInput input = inputType(JsonRequest.text(body, "recognizeInputType", ""));
        String path = "recognizeOptions";
        JsonNode options = JsonRequest.field(body, path).orElseThrow(() ->
                new IllegalArgumentException("recognizeOptions: missing (expected: an object)"));
        CommunicationIdentifier target = IdentifierJson.read(JsonRequest.field(options, "targetParticipant")
                .orElse(null), path + ".targetParticipant");
        int silence = JsonRequest.integer(options, "initialSilenceTimeoutInSeconds", path, 0, 300).orElse(5);
        JsonNode dtmf = JsonRequest.field(options, "dtmfOptions").orElse(JsonRequest.MAPPER.createObjectNode());
        String dtmfPath = path + ".dtmfOptions";
        int interTone = JsonRequest.integer(dtmf, "interToneTimeoutInSeconds", dtmfPath, 1, 60).orElse(2);
        int maxTones = JsonRequest.integer(dtmf, "maxTonesToCollect", dtmfPath, 1, DtmfOptions.MAX_TONES).orElse(1);
        DtmfOptions dtmfOptions = new DtmfOptions(maxTones, new HashSet<>(GaTones.read(
                JsonRequest.array(dtmf, "stopTones", dtmfPath, false), dtmfPath + ".stopTones")),
                Duration.ofSeconds(interTone), Duration.ofSeconds(silence));
        List<Choice> choices = input == RecognizeInput.CHOICES ? choices(options, path) : List.of();
        return new RecognizeCommand(callId, target.rawId(), input, dtmfOptions, speechOptions(options, path),
                prompt(body), JsonRequest.bool(options, "interruptPrompt", path, false),
                JsonRequest.bool(body, "interruptCallMediaOperation", "", false), context(body),
                operationCallback(body), choices);
    }

    private static RecognizeInput inputType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "dtmf" -> RecognizeInput.DTMF;
            case "choices" -> RecognizeInput.CHOICES;
            case "speech" -> RecognizeInput.SPEECH;
            case "speechordtmf" -> RecognizeInput.SPEECH_OR_DTMF;
            default -> throw new IllegalArgumentException("recognizeInputType: " + name
                    + " (expected: dtmf, choices, speech or speechOrDtmf)");
        };
    }

    /**
     * {@code speechOptions.endSilenceTimeoutInMs} and {@code speechLanguage}; {@code speechRecognitionModelEndpointId}
     * (a custom Azure model) is read and selects nothing: the configured engine listens.
     */
    private static SpeechOptions speechOptions(JsonNode options, String path) {
        JsonNode speech = JsonRequest.field(options, "speechOptions").orElse(JsonRequest.MAPPER.createObjectNode());
        long endSilence = JsonRequest.integer(speech, "endSilenceTimeoutInMs", path + ".speechOptions",
                (int) SpeechOptions.MIN_END_SILENCE.toMillis(), (int) SpeechOptions.MAX_END_SILENCE.toMillis())
                .orElse((int) SpeechOptions.DEFAULT_END_SILENCE.toMillis());
        Optional<String> language = JsonRequest.field(options, "speechLanguage").map(node -> {
            if (!node.isTextual() || node.textValue().isBlank()) {
                throw new IllegalArgumentException(path + ".speechLanguage: " + node + " (expected: a BCP 47 "
                        + "language, e.g. en-US)");
            }
            return node.textValue();
        });
        JsonRequest.field(options, "speechRecognitionModelEndpointId").filter(node -> !node.isTextual())
                .ifPresent(node -> {
                    throw new IllegalArgumentException(path + ".speechRecognitionModelEndpointId: " + node
                            + " (expected: a string)");
                });
        return new SpeechOptions(Duration.ofMillis(endSilence), language);
    }

    /**
     * The choices of a recognition: each with a label, the phrases that say it and optionally the key that chooses
     * it; no two share a label or a key.
     */
    private static List<Choice> choices(JsonNode options, String path) {
        List<JsonNode> nodes = JsonRequest.array(options, "choices", path, true);
        if (nodes.size() > MAX_CHOICES) {
            throw new IllegalArgumentException(path + ".choices: " + nodes.size() + " choices (expected: 1 to "
                    + MAX_CHOICES + ")");
        }
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = path + ".choices[" + i + "]";
            JsonNode node = nodes.get(i);
            String label = JsonRequest.text(node, "label", at);
            List<String> phrases = new ArrayList<>();
            List<JsonNode> said = JsonRequest.array(node, "phrases", at, true);
            if (said.size() > MAX_PHRASES) {
                throw new IllegalArgumentException(at + ".phrases: " + said.size() + " phrases (expected: 1 to "
                        + MAX_PHRASES + ")");
            }
            for (int j = 0; j < said.size(); j++) {
                if (!said.get(j).isTextual() || said.get(j).textValue().isBlank()) {
                    throw new IllegalArgumentException(at + ".phrases[" + j + "]: " + said.get(j)
                            + " (expected: the words that say the choice, e.g. \"yes\")");
                }
                phrases.add(said.get(j).textValue());
            }
            Optional<Tone> tone = JsonRequest.field(node, "tone").map(t -> GaTones.read(t, at + ".tone"));
            if (choices.stream().anyMatch(c -> c.label().equals(label) || tone.isPresent() && c.tone().equals(tone))) {
                throw new IllegalArgumentException(at + ": " + label + " (expected: a label, and a tone if any, no "
                        + "other choice has)");
            }
            choices.add(JsonRequest.within(at, () -> new Choice(label, phrases, tone)));
        }
        return choices;
    }

    static ParticipantOperationCommand onParticipant(CallConnectionId callId, ObjectNode body) {
        return new ParticipantOperationCommand(callId, GaRequests.identifier(body, "targetParticipant").rawId(),
                context(body), operationCallback(body));
    }

    static SendDtmfTonesCommand sendTones(CallConnectionId callId, ObjectNode body) {
        return new SendDtmfTonesCommand(callId, GaRequests.identifier(body, "targetParticipant").rawId(),
                GaTones.read(JsonRequest.array(body, "tones", "", true), "tones"), context(body),
                operationCallback(body));
    }

    static HoldCommand hold(CallConnectionId callId, ObjectNode body) {
        Optional<PlaySource> music = JsonRequest.field(body, "playSourceInfo")
                .map(node -> source(node, "playSourceInfo"));
        return new HoldCommand(callId, GaRequests.identifier(body, "targetParticipant").rawId(), music,
                context(body), operationCallback(body));
    }

    /** {@code playPrompt}, or {@code playPrompts} played one after the other. */
    private static Optional<PlaySource> prompt(ObjectNode body) {
        Optional<JsonNode> single = JsonRequest.field(body, "playPrompt");
        if (single.isPresent()) {
            return Optional.of(source(single.get(), "playPrompt"));
        }
        return sources(JsonRequest.array(body, "playPrompts", "", false), "playPrompts");
    }

    /** The sources of a list, one after the other: one source as itself, several as a sequence; none is empty. */
    private static Optional<PlaySource> sources(List<JsonNode> nodes, String path) {
        if (nodes.size() > PlaySequence.MAX_SOURCES) {
            throw new IllegalArgumentException(path + ": " + nodes.size() + " sources (expected: 1 to "
                    + PlaySequence.MAX_SOURCES + ")");
        }
        List<PlaySource> sources = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            sources.add(source(nodes.get(i), path + "[" + i + "]"));
        }
        return switch (sources.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(sources.get(0));
            default -> Optional.of(new PlaySequence(sources));
        };
    }

    /** A play source; {@code kind} may be absent (then the nested key tells). */
    static PlaySource source(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": " + node + " (expected: a play source object)");
        }
        String kind = JsonRequest.optionalText(node, "kind", path).map(k -> k.toLowerCase(Locale.ROOT))
                .orElseGet(() -> node.has("file") ? "file" : node.has("text") ? "text" : node.has("ssml") ? "ssml"
                        : "");
        switch (kind) {
            case "file" -> {
                JsonNode file = JsonRequest.field(node, "file").orElseThrow(() ->
                        new IllegalArgumentException(path + ".file: missing (expected: {\"uri\":\"https://...\"})"));
                String uri = JsonRequest.text(file, "uri", path + ".file");
                URI parsed = JsonRequest.uri(uri, path + ".file.uri");
                Optional<String> cacheId = JsonRequest.optionalText(node, "playSourceCacheId", path);
                return JsonRequest.at(path + ".file.uri", () -> new FilePlaySource(parsed, cacheId));
            }
            case "text" -> {
                String at = path + ".text";
                JsonNode text = JsonRequest.field(node, "text").orElseThrow(() -> new IllegalArgumentException(at
                        + ": missing (expected: {\"text\":\"...\",\"sourceLocale\":\"en-US\"})"));
                String words = JsonRequest.text(text, "text", at);
                Optional<String> locale = JsonRequest.optionalText(text, "sourceLocale", at);
                Optional<String> voiceKind = JsonRequest.optionalText(text, "voiceKind", at);
                Optional<String> voiceName = JsonRequest.optionalText(text, "voiceName", at);
                Optional<String> cacheId = JsonRequest.optionalText(node, "playSourceCacheId", path);
                return JsonRequest.within(at, () -> new TextPlaySource(words, locale, voiceKind, voiceName, cacheId));
            }
            case "ssml" -> {
                String at = path + ".ssml";
                JsonNode ssml = JsonRequest.field(node, "ssml").orElseThrow(() -> new IllegalArgumentException(at
                        + ": missing (expected: {\"ssmlText\":\"<speak>...</speak>\"})"));
                String document = JsonRequest.text(ssml, "ssmlText", at);
                Optional<String> cacheId = JsonRequest.optionalText(node, "playSourceCacheId", path);
                return JsonRequest.within(at, () -> new SsmlPlaySource(document, cacheId));
            }
            default -> throw new IllegalArgumentException(path + ".kind: " + kind + " (expected: file, text or ssml)");
        }
    }
}
