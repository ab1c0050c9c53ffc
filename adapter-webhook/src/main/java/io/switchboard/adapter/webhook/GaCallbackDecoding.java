package io.switchboard.adapter.webhook;

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
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * Decoders of the GA schema's events ({@code spec/acs-ga.md} §6). GA names the state by the event type, carries no
 * operation id on play events and no participant on tone events.
 */
final class GaCallbackDecoding {

    private final CallMemory memory;

    private GaCallbackDecoding(CallMemory memory) {
        this.memory = memory;
    }

    static void register(CallbackDecoder decoder, CallMemory memory) {
        GaCallbackDecoding ga = new GaCallbackDecoding(memory);
        decoder.on("CallConnected", data -> ga.stateChanged(data, CallState.CONNECTED, false))
                .on("CallDisconnected", data -> ga.stateChanged(data, CallState.DISCONNECTED, true))
                // a call that never connected
                .on("CreateCallFailed", data -> ga.stateChanged(data, CallState.DISCONNECTED, false))
                .on("ContinuousDtmfRecognitionToneReceived", ga::toneReceived)
                .on("PlayCompleted", data -> List.of(new PlayCompleted(WireFields.callId(data),
                        play(data, OperationStatus.COMPLETED))))
                .on("PlayFailed", data -> List.of(new PlayFailed(WireFields.callId(data),
                        play(data, OperationStatus.FAILED), WireFields.result(data))))
                .on("PlayCanceled", data -> List.of(new PlayCanceled(WireFields.callId(data),
                        play(data, OperationStatus.FAILED))))
                .on("AddParticipantSucceeded", data -> List.of(new AddParticipantSucceeded(WireFields.callId(data),
                        context(data), participant(data, ParticipantState.CONNECTED, true, true))))
                .on("AddParticipantFailed", data -> List.of(new AddParticipantFailed(WireFields.callId(data),
                        context(data), participant(data, ParticipantState.CONNECTING, false, true),
                        WireFields.result(data))))
                .on("RemoveParticipantSucceeded", data -> List.of(new RemoveParticipantSucceeded(
                        WireFields.callId(data), context(data), participant(data, ParticipantState.REMOVING, true,
                                false))));
    }

    private List<CallEvent> stateChanged(JsonObject data, CallState state, boolean wasConnected) {
        CallConnectionId call = WireFields.callId(data);
        ResultInformation result = data.containsKey("resultInformation") ? WireFields.result(data)
                : state == CallState.CONNECTED ? ResultInformation.CONNECTED : WireFields.NO_RESULT;
        memory.heardOf(call, state == CallState.CONNECTED);
        return List.of(new CallConnectionStateChanged(call, data.getString("serverCallId", ""), state, wasConnected,
                result));
    }

    /** The tone at the top level (current SDKs) or in {@code toneInfo} (older payloads). */
    private List<CallEvent> toneReceived(JsonObject data) {
        CallConnectionId call = WireFields.callId(data);
        JsonObject info = data.containsKey("tone") ? data : WireFields.object(data, "toneInfo");
        List<Participant> known = memory.participants(call);
        Participant from = known.size() == 1 ? known.get(0) : WireFields.unknownParticipant(CallbackHandler.UNKNOWN);
        return List.of(new ToneReceived(call, from, WireFields.tone(WireFields.text(info, "tone")),
                WireFields.integer(info, "sequenceId")));
    }

    private static PlayOperation play(JsonObject data, OperationStatus status) {
        return WireFields.endedPlay(CallbackHandler.UNKNOWN, context(data), status, WireFields.result(data));
    }

    private static Participant participant(JsonObject data, ParticipantState state, boolean joined,
                                           boolean invited) {
        CommunicationIdentifier identifier = WireFields.identifier(WireFields.object(data, "participant"));
        return WireFields.participant(identifier.rawId(), identifier, state, joined, false, invited, context(data));
    }

    private static Optional<String> context(JsonObject data) {
        return WireFields.optionalText(data, "operationContext");
    }
}
