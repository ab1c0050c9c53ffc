package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;

/** The origin (2021 preview) API's response bodies. */
final class OriginJson {

    /** What a media operation reports while it has no outcome yet: accepted, result to follow as an event. */
    static final ResultInformation ACCEPTED = new ResultInformation(202, 0, "Action is accepted.");
    static final ResultInformation CANCELED = new ResultInformation(200, 0, "Action completed successfully.");

    private OriginJson() {
    }

    static String error(String code, String message) {
        return object().put("code", code).put("message", message).toString();
    }

    static ObjectNode created(Call call) {
        return object().put("callLegId", call.id().value());
    }

    static ObjectNode operation(PlayOperation operation) {
        return operation(operation.id(), operation.status(), operation.operationContext(),
                operation.result().orElse(ACCEPTED));
    }

    /** A cancel request's answer: it completed at once, whether or not something was playing. */
    static ObjectNode canceled(MediaOperationId id, Optional<String> operationContext) {
        return operation(id, OperationStatus.COMPLETED, operationContext, CANCELED);
    }

    static ObjectNode call(Call call) {
        ObjectNode node = object()
                .put("callLegId", call.id().value())
                .put("callConnectionId", call.id().value())
                .put("serverCallId", call.serverCallId())
                .put("callConnectionState", lowerCamel(call.state().name()))
                .put("callbackUri", call.setup().callback().uri().toString());
        call.setup().subject().ifPresent(subject -> node.put("subject", subject));
        ArrayNode participants = node.putArray("participants");
        for (Participant participant : call.participants()) {
            participants.addObject()
                    .<ObjectNode>set("identifier", IdentifierJson.write(participant.identifier()))
                    .put("participantId", participant.id().value())
                    .put("isMuted", participant.muted())
                    .put("state", lowerCamel(participant.state().name()));
        }
        return node;
    }

    private static ObjectNode operation(MediaOperationId id, OperationStatus status, Optional<String> context,
                                        ResultInformation result) {
        ObjectNode node = object().put("id", id.value()).put("status", lowerCamel(status.name()));
        context.ifPresent(c -> node.put("operationContext", c));
        node.putObject("resultInfo").put("code", result.code()).put("subcode", result.subCode())
                .put("message", result.message());
        return node;
    }

    /** {@code NOT_STARTED} → {@code notStarted}. */
    static String lowerCamel(String constant) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }

    private static ObjectNode object() {
        return JsonRequest.MAPPER.createObjectNode();
    }
}
