package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decoders of the 2021 origin schema's events ({@code spec/seed-api.md}, "Callback events"). */
final class OriginCallbackDecoding {

    /** The subcode of a canceled operation: the origin schema reports a canceled play as failed with it. */
    private static final int CANCELED = ResultInformation.OPERATION_CANCELED.subCode();

    private final CallMemory memory;

    private OriginCallbackDecoding(CallMemory memory) {
        this.memory = memory;
    }

    static void register(CallbackDecoder decoder, CallMemory memory) {
        OriginCallbackDecoding origin = new OriginCallbackDecoding(memory);
        decoder.on("CallConnectionStateChanged", origin::stateChanged)
                .on("ToneReceived", origin::toneReceived)
                .on("PlayAudioResult", origin::playResult)
                .on("InviteParticipantsResult", origin::inviteResult)
                // the name later versions of the preview gave the same event
                .on("AddParticipantResult", origin::inviteResult);
    }

    private List<CallEvent> stateChanged(JsonObject data) {
        CallConnectionId call = WireFields.callId(data);
        String name = WireFields.text(data, "callConnectionState");
        CallState state;
        try {
            state = CallState.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callConnectionState: " + name
                    + " (expected: connecting, connected, disconnecting or disconnected)");
        }
        ResultInformation result = data.containsKey("resultInfo") ? WireFields.result(data)
                : state == CallState.CONNECTED ? ResultInformation.CONNECTED : WireFields.NO_RESULT;
        // The domain's flag says whether the call had been connected *before* this change.
        boolean wasConnected = switch (state) {
            case CONNECTING, CONNECTED -> false;
            case DISCONNECTING, DISCONNECTED -> memory.seenConnected(call).orElse(result.isSuccess());
        };
        memory.heardOf(call, state == CallState.CONNECTED);
        return List.of(new CallConnectionStateChanged(call, data.getString("serverCallId", ""), state, wasConnected,
                result));
    }

    private List<CallEvent> toneReceived(JsonObject data) {
        CallConnectionId call = WireFields.callId(data);
        JsonObject info = WireFields.object(data, "toneInfo");
        Optional<String> participantId = WireFields.optionalText(data, "participantId");
        Participant from = participantId
                .flatMap(id -> memory.participants(call).stream().filter(p -> p.id().value().equals(id)).findFirst())
                .orElseGet(() -> WireFields.unknownParticipant(participantId.orElse(CallbackHandler.UNKNOWN)));
        return List.of(new ToneReceived(call, from, WireFields.tone(WireFields.text(info, "tone")),
                WireFields.integer(info, "sequenceId")));
    }

    private List<CallEvent> playResult(JsonObject data) {
        CallConnectionId call = WireFields.callId(data);
        ResultInformation result = WireFields.result(data);
        Optional<String> context = WireFields.optionalText(data, "operationContext");
        String operationId = WireFields.optionalText(data, "operationId").orElse(CallbackHandler.UNKNOWN);
        if (completed(data)) {
            return List.of(new PlayCompleted(call, WireFields.endedPlay(operationId, context,
                    OperationStatus.COMPLETED, result)));
        }
        PlayOperation failed = WireFields.endedPlay(operationId, context, OperationStatus.FAILED, result);
        return List.of(result.subCode() == CANCELED ? new PlayCanceled(call, failed)
                : new PlayFailed(call, failed, result));
    }

    private List<CallEvent> inviteResult(JsonObject data) {
        CallConnectionId call = WireFields.callId(data);
        Optional<String> context = WireFields.optionalText(data, "operationContext");
        boolean completed = completed(data);
        ResultInformation result = WireFields.result(data);
        JsonArray invitees = data.getJsonArray("participants", new JsonArray());
        if (invitees.isEmpty()) {
            throw new IllegalArgumentException("participants: [] (expected: the invitees)");
        }
        List<CallEvent> events = new ArrayList<>();
        for (int i = 0; i < invitees.size(); i++) {
            if (!(invitees.getValue(i) instanceof JsonObject node)) {
                throw new IllegalArgumentException("participants[" + i + "]: " + invitees.getValue(i)
                        + " (expected: an identifier)");
            }
            CommunicationIdentifier identifier = WireFields.identifier(node);
            Participant invitee = WireFields.participant(identifier.rawId(), identifier,
                    completed ? ParticipantState.CONNECTED : ParticipantState.CONNECTING, completed, false, true,
                    context);
            events.add(completed ? new AddParticipantSucceeded(call, context, invitee)
                    : new AddParticipantFailed(call, context, invitee, result));
        }
        return events;
    }

    private static boolean completed(JsonObject data) {
        String status = WireFields.text(data, "status");
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "completed" -> true;
            case "failed" -> false;
            default -> throw new IllegalArgumentException("status: " + status + " (expected: completed or failed)");
        };
    }
}
