package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.AnswerCallCommand;
import io.switchboard.application.port.in.CancelAddParticipantCommand;
import io.switchboard.application.port.in.ConnectCallCommand;
import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.MoveParticipantsCommand;
import io.switchboard.application.port.in.MuteParticipantCommand;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.application.port.in.TransferCallCommand;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The GA API's call and participant request bodies ({@code spec/acs-ga.md} §3), read into commands. Unknown fields
 * are ignored; {@code kind} is optional on identifiers.
 */
final class GaRequests {

    private GaRequests() {
    }

    /** GA calls always report participant updates; tones only through continuous DTMF recognition. */
    static CreateCallCommand createCall(ObjectNode body) {
        List<CommunicationIdentifier> targets = identifiers(body, "targets");
        CallbackTarget callback = callback(body, "callbackUri").orElseThrow(() ->
                new IllegalArgumentException("callbackUri: missing (expected: an absolute http or https URI)"));
        Optional<PhoneNumberIdentifier> callerId = callerId(body);
        if (callerId.isEmpty() && targets.stream().anyMatch(PhoneNumberIdentifier.class::isInstance)) {
            throw new IllegalArgumentException("sourceCallerIdNumber: missing (expected: the number to show, "
                    + "e.g. {\"value\":\"+18005550100\"}, required for phone number targets)");
        }
        Optional<CommunicationIdentifier> source = JsonRequest.field(body, "source").map(node -> {
            String id = JsonRequest.text(node, "id", "source");
            return JsonRequest.at("source.id", () -> id.startsWith("8:")
                    ? new CommunicationUserIdentifier(id) : CommunicationIdentifier.parseRawId(id));
        });
        CallSetup setup = new CallSetup(source, callerId, Optional.empty(), callback,
                Set.of(RequestedCallEvent.PARTICIPANTS_UPDATED), context(body))
                .withStreaming(GaStreamingRequests.options(body))
                .withTranscription(GaStreamingRequests.transcription(body));
        return new CreateCallCommand(targets, setup, Optional.empty());
    }

    /** AnswerCallRequest; {@code answeredBy} (a bare {@code {id}}) becomes the call's source. */
    static AnswerCallCommand answer(ObjectNode body) {
        String context = JsonRequest.text(body, "incomingCallContext", "");
        CallbackTarget callback = callback(body, "callbackUri").orElseThrow(() ->
                new IllegalArgumentException("callbackUri: missing (expected: an absolute http or https URI)"));
        Optional<CommunicationIdentifier> answeredBy = JsonRequest.field(body, "answeredBy").map(node -> {
            String id = JsonRequest.text(node, "id", "answeredBy");
            return JsonRequest.at("answeredBy.id", () -> new CommunicationUserIdentifier(id));
        });
        return new AnswerCallCommand(context, new CallSetup(answeredBy, Optional.empty(), Optional.empty(), callback,
                Set.of(RequestedCallEvent.PARTICIPANTS_UPDATED), context(body))
                .withStreaming(GaStreamingRequests.options(body))
                .withTranscription(GaStreamingRequests.transcription(body)));
    }

    /**
     * ConnectRequest: a {@code serverCallLocator} (this server has no group calls or rooms); a media stream or
     * transcription is the call's, set where it was created or answered, so asking for one here is refused.
     */
    static ConnectCallCommand connect(ObjectNode body) {
        JsonNode locator = JsonRequest.field(body, "callLocator").orElseThrow(() -> new IllegalArgumentException(
                "callLocator: missing (expected: {\"kind\":\"serverCallLocator\",\"serverCallId\":\"...\"})"));
        String kind = JsonRequest.optionalText(locator, "kind", "callLocator").orElse("serverCallLocator");
        if (!kind.equals("serverCallLocator")) {
            throw new IllegalArgumentException("callLocator.kind: " + kind + " (expected: serverCallLocator; this "
                    + "server has no group calls or rooms)");
        }
        for (String field : List.of("mediaStreamingOptions", "transcriptionOptions")) {
            if (JsonRequest.field(body, field).isPresent()) {
                throw new IllegalArgumentException(field + ": not supported on connect (expected: none; the call's "
                        + "stream is set up where it was created or answered)");
            }
        }
        String serverCallId = JsonRequest.text(locator, "serverCallId", "callLocator");
        CallbackTarget callback = callback(body, "callbackUri").orElseThrow(() ->
                new IllegalArgumentException("callbackUri: missing (expected: an absolute http or https URI)"));
        return new ConnectCallCommand(serverCallId, callback, context(body));
    }

    /** RejectCallRequest's {@code callRejectReason}: {@code none} (the default), {@code busy}, {@code forbidden}. */
    static RejectReason rejectReason(ObjectNode body) {
        String reason = JsonRequest.optionalText(body, "callRejectReason", "").orElse("none");
        return switch (reason.toLowerCase(Locale.ROOT)) {
            case "none" -> RejectReason.DECLINED;
            case "busy" -> RejectReason.BUSY;
            case "forbidden" -> RejectReason.FORBIDDEN;
            default -> throw new IllegalArgumentException("callRejectReason: '" + reason
                    + "' (expected: none, busy or forbidden)");
        };
    }

    static InviteParticipantsCommand addParticipant(CallConnectionId callId, ObjectNode body) {
        CommunicationIdentifier invitee = identifier(body, "participantToAdd");
        Optional<Duration> ring = JsonRequest.integer(body, "invitationTimeoutInSeconds", "", 0, 180)
                .filter(seconds -> seconds > 0).map(Duration::ofSeconds);
        return new InviteParticipantsCommand(callId, List.of(invitee), callerId(body), context(body), ring,
                operationCallback(body));
    }

    static RemoveParticipantCommand removeParticipant(CallConnectionId callId, ObjectNode body) {
        return new RemoveParticipantCommand(callId, identifier(body, "participantToRemove").rawId(), context(body),
                operationCallback(body));
    }

    /** MoveParticipantsRequest: {@code fromCall} is the call connection id of the call they are in. */
    static MoveParticipantsCommand moveParticipants(CallConnectionId callId, ObjectNode body) {
        List<String> movers = identifiers(body, "targetParticipants").stream().map(CommunicationIdentifier::rawId)
                .toList();
        String fromCall = JsonRequest.text(body, "fromCall", "");
        return new MoveParticipantsCommand(callId, JsonRequest.at("fromCall", () -> CallConnectionId.of(fromCall)),
                movers, context(body), operationCallback(body));
    }

    /** ACS mutes one participant per request. */
    static MuteParticipantCommand mute(CallConnectionId callId, ObjectNode body) {
        List<CommunicationIdentifier> targets = identifiers(body, "targetParticipants");
        if (targets.size() != 1) {
            throw new IllegalArgumentException("targetParticipants: " + targets.size()
                    + " participants (expected: exactly one)");
        }
        return new MuteParticipantCommand(callId, targets.get(0).rawId(), true, context(body));
    }

    static CancelAddParticipantCommand cancelAdd(CallConnectionId callId, ObjectNode body) {
        return new CancelAddParticipantCommand(callId, JsonRequest.text(body, "invitationId", ""), context(body),
                operationCallback(body));
    }

    static TransferCallCommand transfer(CallConnectionId callId, ObjectNode body) {
        Optional<String> transferee = JsonRequest.field(body, "transferee")
                .map(node -> IdentifierJson.read(node, "transferee").rawId());
        return new TransferCallCommand(callId, identifier(body, "targetParticipant"), transferee, context(body),
                operationCallback(body));
    }

    static CommunicationIdentifier identifier(ObjectNode body, String field) {
        return IdentifierJson.read(JsonRequest.field(body, field).orElseThrow(() ->
                new IllegalArgumentException(field + ": missing (expected: an identifier)")), field);
    }

    static Optional<String> context(ObjectNode body) {
        return JsonRequest.optionalText(body, "operationContext", "");
    }

    static Optional<URI> operationCallback(ObjectNode body) {
        return callback(body, "operationCallbackUri").map(CallbackTarget::uri);
    }

    private static Optional<CallbackTarget> callback(ObjectNode body, String field) {
        return JsonRequest.optionalText(body, field, "").map(text -> {
            URI uri = JsonRequest.uri(text, field);
            return JsonRequest.at(field, () -> new CallbackTarget(uri, EventSchema.GA));
        });
    }

    /** {@code sourceCallerIdNumber} is a bare {@code {"value"}}; a full identifier is accepted too. */
    private static Optional<PhoneNumberIdentifier> callerId(ObjectNode body) {
        return JsonRequest.field(body, "sourceCallerIdNumber").map(node -> {
            Optional<String> value = JsonRequest.optionalText(node, "value", "sourceCallerIdNumber");
            return value.isPresent()
                    ? JsonRequest.at("sourceCallerIdNumber.value", () -> new PhoneNumberIdentifier(value.get()))
                    : IdentifierJson.readPhoneNumber(node, "sourceCallerIdNumber");
        });
    }

    private static List<CommunicationIdentifier> identifiers(ObjectNode body, String field) {
        List<JsonNode> nodes = JsonRequest.array(body, field, "", true);
        List<CommunicationIdentifier> identifiers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            identifiers.add(IdentifierJson.read(nodes.get(i), field + "[" + i + "]"));
        }
        return identifiers;
    }
}
