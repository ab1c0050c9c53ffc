package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.streaming.MediaStreaming;
import io.switchboard.domain.streaming.TranscriptionSpec;

import java.net.URI;
import java.util.Optional;

/** The GA API's response bodies ({@code spec/acs-ga.md} §3): identifiers always carry {@code kind} and {@code rawId}. */
final class GaJson {

    private GaJson() {
    }

    static String error(String code, String message) {
        ObjectNode body = object();
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }

    /** The GA error, with the {@code status} and {@code message} the SDK reads when a recording download fails. */
    static String objectError(int status, String code, String message) {
        ObjectNode body = object().put("status", status).put("message", message);
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }

    /**
     * CallConnectionProperties; {@code source} (for an answered call {@code answeredBy}) is a bare {@code {id}},
     * {@code sourceCallerIdNumber} a bare value; a call set up to stream media or transcribe has its
 * {@code mediaStreamingSubscription} or {@code transcriptionSubscription}.
     */
    static ObjectNode callConnection(Call call) {
        return callConnection(call, call.id());
    }

    /**
     * CallConnectionProperties as the connection {@code as} sees the call: the call's own, or another application's
     * ({@code connect}), with that connection's id and callback.
     */
    static ObjectNode callConnection(Call call, CallConnectionId as) {
        URI callback = call.connection(as).map(c -> c.callback().uri()).orElse(call.setup().callback().uri());
        ObjectNode node = object()
                .put("callConnectionId", as.value())
                .put("serverCallId", call.serverCallId())
                .put("callConnectionState", OriginJson.lowerCamel(call.state().name()))
                .put("callbackUri", callback.toString())
                // the webhook adapter reports the call id as the correlation id: the same here
                .put("correlationId", call.id().value());
        ArrayNode targets = node.putArray("targets");
        call.participants().stream().filter(p -> !p.invited())
                .forEach(p -> targets.add(IdentifierJson.write(p.identifier())));
        call.setup().callerId().ifPresent(number -> node.putObject("sourceCallerIdNumber").put("value", number.value()));
        call.setup().source().ifPresent(source -> node.putObject(call.setup().answered() ? "answeredBy" : "source")
                .put("id", source instanceof CommunicationUserIdentifier user ? user.id() : source.rawId()));
        call.media().streaming().ifPresent(streaming -> node.putObject("mediaStreamingSubscription")
                .put("id", streaming.id().value())
                .put("state", streaming.state() == MediaStreaming.State.ACTIVE ? "active" : "inactive")
                .putArray("subscribedContentTypes").add("audio"));
        call.media().transcription().ifPresent(transcription -> node.putObject("transcriptionSubscription")
                .put("id", transcription.id().value())
                .put("state", transcription.state() == MediaStreaming.State.ACTIVE ? "active" : "inactive")
                .put("locale", ((TranscriptionSpec) transcription.spec()).locale())
                .putArray("subscribedResultTypes").add("final"));
        return node;
    }

    static ObjectNode participants(Call call) {
        ObjectNode node = object();
        ArrayNode value = node.putArray("value");
        call.connectedParticipants().forEach(p -> value.add(participant(p)));
        return node;
    }

    static ObjectNode participant(Participant participant) {
        return object().<ObjectNode>set("identifier", IdentifierJson.write(participant.identifier()))
                .put("isMuted", participant.muted()).put("isOnHold", participant.onHold());
    }

    static ObjectNode added(Participant invitee) {
        ObjectNode node = operation(invitee.operationContext());
        node.set("participant", participant(invitee));
        return node.put("invitationId", invitee.id().value());
    }

    static ObjectNode operation(Optional<String> operationContext) {
        ObjectNode node = object();
        operationContext.ifPresent(context -> node.put("operationContext", context));
        return node;
    }

    private static ObjectNode object() {
        return JsonRequest.MAPPER.createObjectNode();
    }
}
