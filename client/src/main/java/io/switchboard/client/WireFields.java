package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeInput;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.SpeechOptions;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading the fields both callback schemas share, and the documented stand-ins for what the wire lacks (see
 * {@link CallbackHandler}). A field that is missing or of the wrong type throws {@link IllegalArgumentException}
 * naming it.
 */
final class WireFields {

    static final ResultInformation NO_RESULT = new ResultInformation(200, 0, "");

    private WireFields() {
    }

    static CallConnectionId callId(JsonObject data) {
        return CallConnectionId.of(text(data, "callConnectionId"));
    }

    static String text(JsonObject data, String field) {
        Object value = data.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a non-empty string)");
        }
        return text;
    }

    static Optional<String> optionalText(JsonObject data, String field) {
        return data.getValue(field) instanceof String text ? Optional.of(text) : Optional.empty();
    }

    static int integer(JsonObject data, String field) {
        if (!(data.getValue(field) instanceof Number number)) {
            throw new IllegalArgumentException(field + ": " + data.getValue(field) + " (expected: a number)");
        }
        return number.intValue();
    }

    static JsonObject object(JsonObject data, String field) {
        if (!(data.getValue(field) instanceof JsonObject object)) {
            throw new IllegalArgumentException(field + ": " + data.getValue(field) + " (expected: an object)");
        }
        return object;
    }

    /** Origin {@code resultInfo {code, subcode, message}} or GA {@code resultInformation {code, subCode, message}}. */
    static ResultInformation result(JsonObject data) {
        Object info = data.getValue("resultInfo", data.getValue("resultInformation"));
        if (!(info instanceof JsonObject result)) {
            return NO_RESULT;
        }
        int subCode = result.containsKey("subcode") ? integer(result, "subcode")
                : result.containsKey("subCode") ? integer(result, "subCode") : 0;
        return new ResultInformation(integer(result, "code"), subCode, result.getString("message", ""));
    }

    /** {@code rawId} when present, else the kind's nested object; throws if neither names anyone. */
    static CommunicationIdentifier identifier(JsonObject node) {
        if (node.getValue("rawId") instanceof String rawId && !rawId.isBlank()) {
            return CommunicationIdentifier.parseRawId(rawId);
        }
        if (node.getValue("phoneNumber") instanceof JsonObject phone) {
            return new PhoneNumberIdentifier(text(phone, "value"));
        }
        if (node.getValue("communicationUser") instanceof JsonObject user) {
            return new CommunicationUserIdentifier(text(user, "id"));
        }
        throw new IllegalArgumentException("identifier: " + node
                + " (expected: rawId, phoneNumber or communicationUser)");
    }

    /** A participant as an event names it: its id doubles as leg id, which never reaches the wire. */
    static Participant participant(String id, CommunicationIdentifier identifier, ParticipantState state,
                                   boolean joined, boolean muted, boolean invited, Optional<String> context) {
        return new Participant(ParticipantId.of(id), identifier, LegId.of(id), state, joined, muted, invited, context);
    }

    /** Someone the wire does not name. */
    static Participant unknownParticipant(String id) {
        return participant(id, new UnknownIdentifier(CallbackHandler.UNKNOWN), ParticipantState.CONNECTED, true,
                false, false, Optional.empty());
    }

    static PlayOperation endedPlay(String operationId, Optional<String> context, OperationStatus status,
                                   ResultInformation result) {
        return new PlayOperation(MediaOperationId.of(operationId),
                new FilePlaySource(CallbackHandler.UNKNOWN_AUDIO, Optional.empty()), false, context, status,
                Optional.of(result));
    }

    /**
     * A recognition the wire names only by its context, its tones, the choice made and what was said: no prompt, the
     * stand-in options, target and id.
     */
    static RecognizeOperation endedRecognition(Optional<String> context, List<Tone> tones, Optional<String> chosen,
                                               Optional<RecognizedSpeech> heard) {
        RecognizeInput input = chosen.isPresent() ? RecognizeInput.CHOICES
                : heard.isPresent() ? RecognizeInput.SPEECH : RecognizeInput.DTMF;
        List<Choice> choices = chosen.map(label -> List.of(new Choice(label, List.of(), Optional.empty())))
                .orElse(List.of());
        return new RecognizeOperation(MediaOperationId.of(CallbackHandler.UNKNOWN), LegId.of(CallbackHandler.UNKNOWN),
                input, CallbackHandler.UNKNOWN_DTMF_OPTIONS, SpeechOptions.DEFAULT, Optional.empty(), false, false,
                tones, heard.isPresent(), context, OperationCallback.OWN, choices, chosen, heard);
    }

    /**
     * Both schemas' tone names: origin {@code tone0}…{@code tone9}, {@code star}; GA {@code zero}…{@code nine},
     * {@code asterisk}; both {@code pound}, {@code a}…{@code d}, {@code flash}; also a key's symbol itself.
     */
    static Tone tone(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() == 5 && lower.startsWith("tone") && Character.isDigit(lower.charAt(4))) {
            return Tone.ofSymbol(lower.charAt(4));
        }
        return switch (lower) {
            case "star", "asterisk" -> Tone.STAR;
            case "pound", "hash" -> Tone.POUND;
            case "flash" -> Tone.FLASH;
            default -> {
                for (Tone tone : Tone.values()) {
                    if (tone.name().toLowerCase(Locale.ROOT).equals(lower)) {
                        yield tone;
                    }
                }
                if (lower.length() == 1) {
                    yield Tone.ofSymbol(lower.charAt(0));
                }
                throw new IllegalArgumentException("tone: " + name + " (expected: e.g. tone1, one, star, pound)");
            }
        };
    }
}
