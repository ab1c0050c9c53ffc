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
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.streaming.StreamSpec.Content;

import java.util.Locale;
import java.util.Optional;

/**
 * The events of the GA API ({@code spec/acs-ga.md} §6). Every {@code data} starts with the common fields
 * ({@code version}, {@code operationContext}, {@code resultInformation}, {@code callConnectionId},
 * {@code serverCallId}, {@code correlationId}, {@code publicEventType}); a field the event does not carry is omitted.
 * GA has no events for the transient states connecting and disconnecting.
 */
final class GaEventMapping {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ResultInformation REMOVED = new ResultInformation(200, 0, "Participant removed.");
    private static final ResultInformation DTMF_STOPPED =
            new ResultInformation(200, 0, "Continuous DTMF recognition stopped.");
    private static final ResultInformation TONE = new ResultInformation(200, 0, "DTMF tone received successfully.");

    private final String version;

    private GaEventMapping(String version) {
        this.version = version;
    }

    static EventMappings create(String version) {
        GaEventMapping ga = new GaEventMapping(version);
        return new EventMappings()
                .on(CallConnectionStateChanged.class, ga::stateChanged)
                .on(ParticipantsUpdated.class, ga::participantsUpdated)
                .on(ToneReceived.class, ga::toneReceived)
                .on(PlayCompleted.class, e -> ga.event("PlayCompleted", e.callId(), e.operation().operationContext(),
                        e.operation().result().orElse(ResultInformation.PLAY_COMPLETED)))
                .on(PlayFailed.class, e -> ga.event("PlayFailed", e.callId(), e.operation().operationContext(),
                        e.result()).map(w -> withField(w, "failedPlaySourceIndex", 0)))
                .on(PlayCanceled.class, e -> ga.event("PlayCanceled", e.callId(), e.operation().operationContext(),
                        ResultInformation.OPERATION_CANCELED))
                .on(AddParticipantSucceeded.class, e -> ga.participantEvent("AddParticipantSucceeded", e.callId(),
                        e.operationContext(), ResultInformation.ADDED, e.participant()))
                .on(AddParticipantFailed.class, e -> ga.participantEvent("AddParticipantFailed", e.callId(),
                        e.operationContext(), e.result(), e.participant()))
                .on(RemoveParticipantSucceeded.class, e -> ga.participantEvent("RemoveParticipantSucceeded",
                        e.callId(), e.operationContext(), REMOVED, e.participant()))
                .on(RecognizeCompleted.class, ga::recognizeCompleted)
                .on(RecognizeFailed.class, e -> ga.event("RecognizeFailed", e.callId(),
                        e.operation().operationContext(), e.result()))
                .on(RecognizeCanceled.class, e -> ga.event("RecognizeCanceled", e.callId(),
                        e.operation().operationContext(), ResultInformation.OPERATION_CANCELED))
                .on(ContinuousDtmfRecognitionStopped.class, e -> ga.event("ContinuousDtmfRecognitionStopped",
                        e.callId(), e.operationContext(), DTMF_STOPPED))
                .on(SendDtmfTonesCompleted.class, e -> ga.event("SendDtmfTonesCompleted", e.callId(),
                        e.operationContext(), ResultInformation.TONES_SENT))
                .on(SendDtmfTonesFailed.class, e -> ga.event("SendDtmfTonesFailed", e.callId(), e.operationContext(),
                        e.result()))
                .on(HoldFailed.class, e -> ga.event("HoldFailed", e.callId(), e.operationContext(), e.result()))
                .on(CancelAddParticipantSucceeded.class, e -> ga.event("CancelAddParticipantSucceeded", e.callId(),
                        e.operationContext(), ResultInformation.INVITATION_CANCELED)
                        .map(w -> withText(w, "invitationId", e.invitee().id().value())))
                .on(CancelAddParticipantFailed.class, e -> ga.event("CancelAddParticipantFailed", e.callId(),
                        e.operationContext(), e.result()).map(w -> withText(w, "invitationId", e.invitationId())))
                .on(CallTransferAccepted.class, ga::transferAccepted)
                .on(CallTransferFailed.class, e -> ga.event("CallTransferFailed", e.callId(), e.operationContext(),
                        e.result()))
                .on(RecordingStateChanged.class, ga::recordingStateChanged)
                .on(MediaStreamingChanged.class, ga::mediaStreamingChanged)
                .on(MoveParticipantSucceeded.class, e -> ga.participantEvent("MoveParticipantSucceeded", e.callId(),
                        e.operationContext(), ResultInformation.MOVED, e.participant().identifier())
                        .map(w -> withText(w, "fromCall", e.fromCall().value())))
                .on(MoveParticipantFailed.class, e -> ga.participantEvent("MoveParticipantFailed", e.callId(),
                        e.operationContext(), e.result(), e.participant())
                        .map(w -> withText(w, "fromCall", e.fromCall().value())));
    }

    private Optional<WireEvent> stateChanged(CallConnectionStateChanged event) {
        String name = switch (event.state()) {
            case CONNECTED -> "CallConnected";
            // A call that never connected failed to be created, or answered; ACS reports CreateCallFailed or
            // AnswerFailed, not CallDisconnected.
            case DISCONNECTED -> event.wasConnected() ? "CallDisconnected"
                    : event.answered() ? "AnswerFailed" : "CreateCallFailed";
            case CONNECTING, DISCONNECTING -> null;
        };
        if (name == null) {
            return Optional.empty();
        }
        ObjectNode data = common(name, event.callId(), event.operationContext(), Optional.of(event.result()),
                Optional.of(event.serverCallId()));
        return Optional.of(new WireEvent(name, data));
    }

    private Optional<WireEvent> participantsUpdated(ParticipantsUpdated event) {
        ObjectNode data = common("ParticipantsUpdated", event.callId(), Optional.empty(), Optional.empty(),
                Optional.empty());
        data.put("sequenceNumber", event.sequenceNumber());
        ArrayNode participants = data.putArray("participants");
        for (Participant participant : event.participants()) {
            ObjectNode node = participants.addObject();
            node.set("identifier", IdentifierJson.of(participant.identifier()));
            node.put("isMuted", participant.muted()).put("isOnHold", participant.onHold());
        }
        return Optional.of(new WireEvent("ParticipantsUpdated", data));
    }

    private Optional<WireEvent> toneReceived(ToneReceived event) {
        String name = "ContinuousDtmfRecognitionToneReceived";
        String tone = toneName(event.tone());
        ObjectNode data = common(name, event.callId(), Optional.empty(), Optional.of(TONE), Optional.empty());
        // Older payloads nest the tone in toneInfo; SDK versions read one or the other, so send both (§6).
        data.put("sequenceId", event.sequenceId()).put("tone", tone);
        data.putObject("toneInfo").put("sequenceId", event.sequenceId()).put("tone", tone);
        return Optional.of(new WireEvent(name, data));
    }

    private Optional<WireEvent> recognizeCompleted(RecognizeCompleted event) {
        String name = "RecognizeCompleted";
        ObjectNode data = common(name, event.callId(), event.operation().operationContext(),
                Optional.of(event.result()), Optional.empty());
        Optional<String> chosen = event.operation().chosen();
        Optional<RecognizedSpeech> heard = event.operation().heard();
        if (chosen.isPresent()) {
            data.put("recognitionType", "choices");
            ObjectNode choice = data.putObject("choiceResult").put("label", chosen.get());
            heard.ifPresent(speech -> {
                choice.put("recognizedPhrase", speech.text());
                speech.confidence().ifPresent(confidence -> choice.put("confidence", confidence));
            });
            return Optional.of(new WireEvent(name, data));
        }
        if (heard.isPresent()) {
            data.put("recognitionType", "speech");
            ObjectNode speech = data.putObject("speechResult").put("speech", heard.get().text());
            heard.get().confidence().ifPresent(confidence -> speech.put("confidence", confidence));
            return Optional.of(new WireEvent(name, data));
        }
        data.put("recognitionType", "dtmf");
        ArrayNode tones = data.putObject("dtmfResult").putArray("tones");
        event.operation().tones().forEach(tone -> tones.add(toneName(tone)));
        return Optional.of(new WireEvent(name, data));
    }

    private Optional<WireEvent> recordingStateChanged(RecordingStateChanged event) {
        String name = "RecordingStateChanged";
        ObjectNode data = common(name, event.callId(), Optional.empty(), Optional.empty(),
                Optional.of(event.serverCallId()));
        data.put("recordingId", event.recording().id().value())
                .put("state", event.state().name().toLowerCase(Locale.ROOT))
                .put("startDateTime", event.recording().startedAt().toString())
                .put("recordingKind", "azureCommunicationServices");
        return Optional.of(new WireEvent(name, data));
    }

    /**
     * {@code MediaStreamingStarted} … with {@code mediaStreamingUpdate}, or {@code TranscriptionStarted} … with
     * {@code transcriptionUpdate}: the status (e.g. {@code mediaStreamingStarted}) and its details.
     */
    private Optional<WireEvent> mediaStreamingChanged(MediaStreamingChanged event) {
        String status = camel(event.status().name());
        boolean audio = event.content() == Content.AUDIO;
        String kind = audio ? "MediaStreaming" : "Transcription";
        String name = kind + Character.toUpperCase(status.charAt(0)) + status.substring(1);
        ObjectNode data = common(name, event.callId(), event.operationContext(), Optional.of(event.result()),
                Optional.empty());
        ObjectNode update = data.putObject(audio ? "mediaStreamingUpdate" : "transcriptionUpdate");
        if (audio) {
            update.put("contentType", "Audio");
        }
        update.put(audio ? "mediaStreamingStatus" : "transcriptionStatus", Character.toLowerCase(name.charAt(0))
                        + name.substring(1))
                .put(audio ? "mediaStreamingStatusDetails" : "transcriptionStatusDetails",
                        camel(event.detail().name()));
        return Optional.of(new WireEvent(name, data));
    }

    /** {@code SUBSCRIPTION_STARTED} as {@code subscriptionStarted}. */
    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            out.append(out.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
    }

    private Optional<WireEvent> transferAccepted(CallTransferAccepted event) {
        String name = "CallTransferAccepted";
        ObjectNode data = common(name, event.callId(), event.operationContext(),
                Optional.of(ResultInformation.TRANSFER_ACCEPTED), Optional.empty());
        data.set("transferTarget", IdentifierJson.of(event.transferTarget()));
        data.set("transferee", IdentifierJson.of(event.transferee()));
        return Optional.of(new WireEvent(name, data));
    }

    private Optional<WireEvent> participantEvent(String name, CallConnectionId callId, Optional<String> context,
                                                 ResultInformation result, Participant participant) {
        return participantEvent(name, callId, context, result, participant.identifier());
    }

    private Optional<WireEvent> participantEvent(String name, CallConnectionId callId, Optional<String> context,
                                                 ResultInformation result, CommunicationIdentifier participant) {
        // The SDK throws when these events lack `participant`.
        ObjectNode data = common(name, callId, context, Optional.of(result), Optional.empty());
        data.set("participant", IdentifierJson.of(participant));
        return Optional.of(new WireEvent(name, data));
    }

    private Optional<WireEvent> event(String name, CallConnectionId callId, Optional<String> context,
                                      ResultInformation result) {
        return Optional.of(new WireEvent(name, common(name, callId, context, Optional.of(result), Optional.empty())));
    }

    private ObjectNode common(String name, CallConnectionId callId, Optional<String> context,
                              Optional<ResultInformation> result, Optional<String> serverCallId) {
        ObjectNode data = JSON.objectNode().put("version", version);
        context.ifPresent(value -> data.put("operationContext", value));
        result.ifPresent(value -> data.putObject("resultInformation").put("code", value.code())
                .put("subCode", value.subCode()).put("message", value.message()));
        data.put("callConnectionId", callId.value());
        serverCallId.ifPresent(value -> data.put("serverCallId", value));
        // The domain has no separate correlation id; the call id identifies the call across logs just as well.
        return data.put("correlationId", callId.value())
                .put("publicEventType", "Microsoft.Communication." + name);
    }

    /**
     * GA's Tone names: {@code zero}…{@code nine}, {@code asterisk}, {@code pound}, {@code a}…{@code d}. GA has no
     * flash; it is sent as {@code flash}, which the SDKs' expandable tone enum accepts.
     */
    static String toneName(Tone tone) {
        return switch (tone) {
            case STAR -> "asterisk";
            default -> tone.name().toLowerCase(Locale.ROOT);
        };
    }

    private static WireEvent withText(WireEvent event, String field, String value) {
        event.data().put(field, value);
        return event;
    }

    private static WireEvent withField(WireEvent event, String field, int value) {
        event.data().put(field, value);
        return event;
    }
}
