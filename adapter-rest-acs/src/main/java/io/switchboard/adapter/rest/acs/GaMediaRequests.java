package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.HoldCommand;
import io.switchboard.application.port.in.ParticipantOperationCommand;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.in.SendDtmfTonesCommand;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlaySequence;
import io.switchboard.domain.media.PlaySource;
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
 * {@code kind}. Play sources are files, text or SSML, several of them played one after the other; speech or choice
 * recognition is refused with 400/8520: not available.
 */
final class GaMediaRequests {

    /** The most choices one recognition may have. */
    static final int MAX_CHOICES = 10;

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
        String inputType = JsonRequest.text(body, "recognizeInputType", "");
        if (!inputType.equalsIgnoreCase("dtmf") && !inputType.equalsIgnoreCase("choices")) {
            throw notAvailable("recognizeInputType: " + inputType + ": speech recognition is not available yet "
                    + "(expected: dtmf, or choices chosen by their keys)");
        }
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
        List<Choice> choices = inputType.equalsIgnoreCase("choices") ? choices(options, path) : List.of();
        return new RecognizeCommand(callId, target.rawId(), dtmfOptions, prompt(body),
                JsonRequest.bool(options, "interruptPrompt", path, false),
                JsonRequest.bool(body, "interruptCallMediaOperation", "", false), context(body),
                operationCallback(body), choices);
    }

    /**
     * The choices of a recognition: each with a label, phrases and the key that chooses it. Speech is not
     * recognized yet, so a choice without a key could never be made and is refused.
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
            List<JsonNode> said = JsonRequest.array(node, "phrases", at, false);
            for (int j = 0; j < said.size(); j++) {
                if (!said.get(j).isTextual()) {
                    throw new IllegalArgumentException(at + ".phrases[" + j + "]: " + said.get(j)
                            + " (expected: a string)");
                }
                phrases.add(said.get(j).textValue());
            }
            Tone tone = GaTones.read(JsonRequest.field(node, "tone").orElseThrow(() ->
                    new IllegalArgumentException(at + ".tone: missing (expected: the key that chooses it, e.g. "
                            + "one: speech is not recognized yet)")), at + ".tone");
            if (choices.stream().anyMatch(c -> c.label().equals(label) || c.tone().equals(Optional.of(tone)))) {
                throw new IllegalArgumentException(at + ": " + label + " (expected: a label and a tone no other "
                        + "choice has)");
            }
            choices.add(JsonRequest.within(at, () -> new Choice(label, phrases, Optional.of(tone))));
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

    private static CallAutomationException notAvailable(String message) {
        return new CallAutomationException(ErrorCode.FEATURE_NOT_AVAILABLE, message);
    }
}
