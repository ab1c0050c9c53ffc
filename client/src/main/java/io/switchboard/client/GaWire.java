package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.SsmlPlaySource;
import io.switchboard.domain.media.TextPlaySource;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GA API's bodies ({@code spec/acs-ga.md} §3, §4): requests written, responses read. Call-level operations send
 * identifiers with {@code kind}; media operations (play, recognize, DTMF, hold) without, as the SDKs do. A response
 * that does not fit throws {@link IllegalArgumentException} naming the field; unknown fields are ignored.
 */
final class GaWire {

    private GaWire() {
    }

    static JsonObject createCall(List<? extends CommunicationIdentifier> targets, GaCreateCallOptions options) {
        JsonObject body = new JsonObject().put("targets", IdentifierWire.writeAll(targets))
                .put("callbackUri", options.callbackUri().toString());
        options.sourceCallerIdNumber().ifPresent(number -> body.put("sourceCallerIdNumber", callerId(number)));
        options.sourceDisplayName().ifPresent(name -> body.put("sourceDisplayName", name));
        options.operationContext().ifPresent(context -> body.put("operationContext", context));
        return body;
    }

    static JsonObject addParticipant(CommunicationIdentifier participant, Optional<PhoneNumberIdentifier> callerId,
                                     GaOperationOptions options) {
        JsonObject body = operation(options).put("participantToAdd", IdentifierWire.write(participant));
        callerId.ifPresent(number -> body.put("sourceCallerIdNumber", callerId(number)));
        return body;
    }

    static JsonObject removeParticipant(CommunicationIdentifier participant, GaOperationOptions options) {
        return operation(options).put("participantToRemove", IdentifierWire.write(participant));
    }

    static JsonObject mute(CommunicationIdentifier participant, Optional<String> operationContext) {
        JsonObject body = new JsonObject().put("targetParticipants",
                new JsonArray().add(IdentifierWire.write(participant)));
        operationContext.ifPresent(context -> body.put("operationContext", context));
        return body;
    }

    static JsonObject cancelAddParticipant(String invitationId, GaOperationOptions options) {
        return operation(options).put("invitationId", invitationId);
    }

    static JsonObject transfer(CommunicationIdentifier target, GaOperationOptions options) {
        return operation(options).put("targetParticipant", IdentifierWire.write(target));
    }

    static JsonObject play(PlaySource source, GaPlayOptions options) {
        JsonArray playTo = new JsonArray();
        options.playTo().forEach(identifier -> playTo.add(mediaIdentifier(identifier)));
        return operation(options.operation()).put("playSources", new JsonArray().add(playSource(source)))
                .put("playTo", playTo).put("playOptions", new JsonObject().put("loop", options.loop()));
    }

    static JsonObject recognizeDtmf(CommunicationIdentifier target, GaRecognizeOptions options) {
        JsonObject dtmf = new JsonObject()
                .put("interToneTimeoutInSeconds", options.interToneTimeout().toSeconds())
                .put("maxTonesToCollect", options.maxTonesToCollect())
                .put("stopTones", tones(options.orderedStopTones()));
        JsonObject recognizeOptions = new JsonObject().put("targetParticipant", mediaIdentifier(target))
                .put("interruptPrompt", options.interruptPrompt())
                .put("initialSilenceTimeoutInSeconds", options.initialSilenceTimeout().toSeconds())
                .put("dtmfOptions", dtmf);
        JsonObject body = operation(options.operation()).put("recognizeInputType", "dtmf")
                .put("recognizeOptions", recognizeOptions);
        options.prompt().ifPresent(file -> body.put("playPrompt", fileSource(file)));
        return body;
    }

    static JsonObject recognizeSpeech(CommunicationIdentifier target, GaSpeechRecognizeOptions options) {
        JsonObject recognizeOptions = new JsonObject().put("targetParticipant", mediaIdentifier(target))
                .put("interruptPrompt", options.interruptPrompt())
                .put("initialSilenceTimeoutInSeconds", options.initialSilenceTimeout().toSeconds())
                .put("speechOptions", new JsonObject().put("endSilenceTimeoutInMs", options.endSilence().toMillis()));
        options.language().ifPresent(language -> recognizeOptions.put("speechLanguage", language));
        if (!options.choices().isEmpty()) {
            JsonArray choices = new JsonArray();
            options.choices().forEach(choice -> {
                JsonObject node = new JsonObject().put("label", choice.label())
                        .put("phrases", new JsonArray(choice.phrases()));
                choice.tone().ifPresent(tone -> node.put("tone", tones(List.of(tone)).getString(0)));
                choices.add(node);
            });
            recognizeOptions.put("choices", choices);
        }
        JsonObject body = operation(options.operation())
                .put("recognizeInputType", options.choices().isEmpty() ? "speech" : "choices")
                .put("recognizeOptions", recognizeOptions);
        options.prompt().ifPresent(file -> body.put("playPrompt", fileSource(file)));
        return body;
    }

    /** Continuous DTMF start and stop, hold, unhold: a target participant and the operation's options. */
    static JsonObject onParticipant(CommunicationIdentifier target, GaOperationOptions options) {
        return operation(options).put("targetParticipant", mediaIdentifier(target));
    }

    static JsonObject sendDtmfTones(CommunicationIdentifier target, List<Tone> tones, GaOperationOptions options) {
        return onParticipant(target, options).put("tones", tones(tones));
    }

    static GaCallConnectionProperties callConnection(JsonObject body) {
        String id = body.getString("callConnectionId");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("callConnectionId: " + id + " (expected: a non-empty string)");
        }
        List<CommunicationIdentifier> targets = new ArrayList<>();
        JsonArray nodes = body.getJsonArray("targets", new JsonArray());
        for (int i = 0; i < nodes.size(); i++) {
            targets.add(IdentifierWire.read(nodes.getJsonObject(i), "targets[" + i + "]"));
        }
        Optional<PhoneNumberIdentifier> callerId = Optional.ofNullable(body.getJsonObject("sourceCallerIdNumber"))
                .map(node -> new PhoneNumberIdentifier(node.getString("value")));
        return new GaCallConnectionProperties(CallConnectionId.of(id), state(body.getString("callConnectionState")),
                targets, Optional.ofNullable(body.getString("serverCallId")),
                Optional.ofNullable(body.getString("callbackUri")).map(URI::create), callerId,
                Optional.ofNullable(body.getString("correlationId")));
    }

    /** {@code {value:[CallParticipant], nextLink?}}: this page's participants. */
    static List<GaCallParticipant> participants(JsonObject body) {
        JsonArray nodes = body.getJsonArray("value");
        if (nodes == null) {
            throw new IllegalArgumentException("value: missing (expected: an array of participants)");
        }
        List<GaCallParticipant> participants = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            participants.add(participant(nodes.getJsonObject(i), "value[" + i + "]"));
        }
        return participants;
    }

    static GaCallParticipant participant(JsonObject body) {
        return participant(body, "participant");
    }

    static AddParticipantResult added(JsonObject body) {
        return new AddParticipantResult(body.getString("invitationId"),
                Optional.ofNullable(body.getJsonObject("participant")).map(node -> participant(node, "participant")),
                Optional.ofNullable(body.getString("operationContext")));
    }

    private static GaCallParticipant participant(JsonObject node, String field) {
        if (node == null) {
            throw new IllegalArgumentException(field + ": missing (expected: a participant)");
        }
        return new GaCallParticipant(IdentifierWire.read(node.getJsonObject("identifier"), field + ".identifier"),
                node.getBoolean("isMuted", false), node.getBoolean("isOnHold", false));
    }

    /** {@code connected} → {@link GaCallConnectionState#CONNECTED}; absent or unknown → UNKNOWN. */
    private static GaCallConnectionState state(String wire) {
        if (wire == null) {
            return GaCallConnectionState.UNKNOWN;
        }
        String constant = wire.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        for (GaCallConnectionState state : GaCallConnectionState.values()) {
            if (state.name().equals(constant)) {
                return state;
            }
        }
        return GaCallConnectionState.UNKNOWN;
    }

    private static JsonObject operation(GaOperationOptions options) {
        JsonObject body = new JsonObject();
        options.operationContext().ifPresent(context -> body.put("operationContext", context));
        options.operationCallbackUri().ifPresent(uri -> body.put("operationCallbackUri", uri.toString()));
        return body;
    }

    private static JsonObject mediaIdentifier(CommunicationIdentifier identifier) {
        JsonObject node = IdentifierWire.write(identifier);
        node.remove("kind");
        return node;
    }

    private static JsonObject callerId(PhoneNumberIdentifier number) {
        return new JsonObject().put("value", number.value());
    }

    private static JsonObject fileSource(URI file) {
        return new JsonObject().put("kind", "file").put("file", new JsonObject().put("uri", file.toString()));
    }

    /** A play source as the SDKs write it: {@code kind} and its object, the cache id beside them. */
    private static JsonObject playSource(PlaySource source) {
        JsonObject node;
        Optional<String> cacheId;
        if (source instanceof FilePlaySource file) {
            node = fileSource(file.uri());
            cacheId = file.cacheId();
        } else if (source instanceof TextPlaySource text) {
            JsonObject body = new JsonObject().put("text", text.text());
            text.locale().ifPresent(locale -> body.put("sourceLocale", locale));
            text.voiceKind().ifPresent(kind -> body.put("voiceKind", kind));
            text.voiceName().ifPresent(name -> body.put("voiceName", name));
            node = new JsonObject().put("kind", "text").put("text", body);
            cacheId = text.cacheId();
        } else {
            SsmlPlaySource ssml = (SsmlPlaySource) source;
            node = new JsonObject().put("kind", "ssml").put("ssml", new JsonObject().put("ssmlText", ssml.ssml()));
            cacheId = ssml.cacheId();
        }
        cacheId.ifPresent(id -> node.put("playSourceCacheId", id));
        return node;
    }

    /** GA's tone names: {@code zero}…{@code nine}, {@code a}…{@code d}, {@code pound}, {@code asterisk}. */
    private static JsonArray tones(List<Tone> tones) {
        JsonArray names = new JsonArray();
        for (Tone tone : tones) {
            names.add(switch (tone) {
                case ZERO -> "zero";
                case ONE -> "one";
                case TWO -> "two";
                case THREE -> "three";
                case FOUR -> "four";
                case FIVE -> "five";
                case SIX -> "six";
                case SEVEN -> "seven";
                case EIGHT -> "eight";
                case NINE -> "nine";
                case A, B, C, D -> tone.name().toLowerCase(Locale.ROOT);
                case POUND -> "pound";
                case STAR -> "asterisk";
                case FLASH -> throw new IllegalArgumentException("tones: FLASH (expected: 0-9, A-D, STAR or POUND)");
            });
        }
        return names;
    }
}
