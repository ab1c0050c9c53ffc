package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CallTransferFailed;
import io.switchboard.domain.event.CancelAddParticipantFailed;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.HoldFailed;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MoveParticipantFailed;
import io.switchboard.domain.event.MoveParticipantSucceeded;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.RecognizeCanceled;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.event.RecordingStateChanged;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.SendDtmfTonesFailed;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;

import java.util.Locale;
import java.util.Optional;

/**
 * The events of the 2021 origin API ({@code spec/seed-api.md}, "Callback events"). Its {@code resultInfo} spells
 * {@code subcode} in lower case; a canceled play is reported as a failed one with 400/8508.
 */
final class OriginEventMapping {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OriginEventMapping() {
    }

    static EventMappings create() {
        return new EventMappings()
                .on(CallConnectionStateChanged.class, OriginEventMapping::stateChanged)
                .on(ParticipantsUpdated.class, OriginEventMapping::participantsUpdated)
                .on(ToneReceived.class, OriginEventMapping::toneReceived)
                .on(PlayCompleted.class, e -> playResult(e.callId(), e.operation(), "completed",
                        e.operation().result().orElse(ResultInformation.PLAY_COMPLETED)))
                .on(PlayFailed.class, e -> playResult(e.callId(), e.operation(), "failed", e.result()))
                .on(PlayCanceled.class, e -> playResult(e.callId(), e.operation(), "failed",
                        ResultInformation.OPERATION_CANCELED))
                .on(AddParticipantSucceeded.class, e -> inviteResult(e.callId(), e.operationContext(), "completed",
                        ResultInformation.ADDED, e.participant()))
                .on(AddParticipantFailed.class, e -> inviteResult(e.callId(), e.operationContext(), "failed",
                        e.result(), e.participant()))
                // The 2021 API had no remove-participant operation, hence no event for it.
                .notSent(RemoveParticipantSucceeded.class)
                // GA-only operations: an origin call cannot start them, so their events never arise for it
                .notSent(RecognizeCompleted.class)
                .notSent(RecognizeFailed.class)
                .notSent(RecognizeCanceled.class)
                .notSent(ContinuousDtmfRecognitionStopped.class)
                .notSent(SendDtmfTonesCompleted.class)
                .notSent(SendDtmfTonesFailed.class)
                .notSent(HoldFailed.class)
                .notSent(CancelAddParticipantSucceeded.class)
                .notSent(CancelAddParticipantFailed.class)
                .notSent(CallTransferAccepted.class)
                .notSent(CallTransferFailed.class)
                .notSent(RecordingStateChanged.class)
                .notSent(MediaStreamingChanged.class)
                .notSent(MoveParticipantSucceeded.class)
                .notSent(MoveParticipantFailed.class);
    }

    private static Optional<WireEvent> stateChanged(CallConnectionStateChanged event) {
        ObjectNode data = call(event.callId())
                .put("serverCallId", event.serverCallId())
                .put("callConnectionState", event.state().name().toLowerCase(Locale.ROOT));
        data.set("resultInfo", resultInfo(event.result()));
        return Optional.of(new WireEvent("CallConnectionStateChanged", data));
    }

    private static Optional<WireEvent> participantsUpdated(ParticipantsUpdated event) {
        ObjectNode data = call(event.callId()).put("sequenceNumber", event.sequenceNumber());
        ArrayNode participants = data.putArray("participants");
        for (Participant participant : event.participants()) {
            ObjectNode node = participants.addObject();
            node.set("identifier", IdentifierJson.of(participant.identifier()));
            node.put("participantId", participant.id().value()).put("isMuted", participant.muted());
        }
        return Optional.of(new WireEvent("ParticipantsUpdated", data));
    }

    private static Optional<WireEvent> toneReceived(ToneReceived event) {
        ObjectNode data = call(event.callId()).put("participantId", event.from().id().value());
        data.putObject("toneInfo").put("sequenceId", event.sequenceId()).put("tone", toneName(event.tone()));
        return Optional.of(new WireEvent("ToneReceived", data));
    }

    private static Optional<WireEvent> playResult(CallConnectionId callId, PlayOperation operation, String status,
                                                  ResultInformation result) {
        ObjectNode data = call(callId).put("operationId", operation.id().value());
        operation.operationContext().ifPresent(context -> data.put("operationContext", context));
        data.put("status", status).set("resultInfo", resultInfo(result));
        return Optional.of(new WireEvent("PlayAudioResult", data));
    }

    private static Optional<WireEvent> inviteResult(CallConnectionId callId, Optional<String> operationContext,
                                                    String status, ResultInformation result, Participant invitee) {
        ObjectNode data = call(callId);
        operationContext.ifPresent(context -> data.put("operationContext", context));
        data.put("status", status).set("resultInfo", resultInfo(result));
        data.putArray("participants").add(IdentifierJson.of(invitee.identifier()));
        return Optional.of(new WireEvent("InviteParticipantsResult", data));
    }

    /** {@code tone0}…{@code tone9}, {@code star}, {@code pound}, {@code a}…{@code d}, {@code flash}. */
    static String toneName(Tone tone) {
        char symbol = tone.symbol();
        if (Character.isDigit(symbol)) {
            return "tone" + symbol;
        }
        return switch (tone) {
            case STAR -> "star";
            case POUND -> "pound";
            case FLASH -> "flash";
            default -> tone.name().toLowerCase(Locale.ROOT);
        };
    }

    private static ObjectNode call(CallConnectionId callId) {
        return JSON.objectNode().put("callConnectionId", callId.value());
    }

    private static ObjectNode resultInfo(ResultInformation result) {
        return JSON.objectNode().put("code", result.code()).put("subcode", result.subCode())
                .put("message", result.message());
    }
}
