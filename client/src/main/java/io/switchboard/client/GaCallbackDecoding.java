package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CallTransferFailed;
import io.switchboard.domain.event.CancelAddParticipantFailed;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.HoldFailed;
import io.switchboard.domain.event.MediaStreamingChanged.Status;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MoveParticipantFailed;
import io.switchboard.domain.event.MoveParticipantSucceeded;
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
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.recording.RecordingState;
import io.switchboard.domain.streaming.StreamSpec.Content;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decoders of the GA schema's events ({@code spec/acs-ga.md} §6). GA names the state by the event type, carries no
 * operation id on play and recognize events, no participant on tone, DTMF-stopped and hold events, and no identifier
 * of a canceled invitee; {@link CallbackHandler} lists the stand-ins. No event carries the operation callback URI (the
 * event arrives there): it is always empty.
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
                // an answered call that never connected
                .on("AnswerFailed", data -> ga.stateChanged(data, CallState.DISCONNECTED, false, true))
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
                                false))))
                .on("CancelAddParticipantSucceeded", data -> List.of(new CancelAddParticipantSucceeded(
                        WireFields.callId(data), canceledInvitee(data), context(data), OperationCallback.OWN)))
                .on("CancelAddParticipantFailed", data -> List.of(new CancelAddParticipantFailed(
                        WireFields.callId(data), WireFields.text(data, "invitationId"), context(data),
                        OperationCallback.OWN, WireFields.result(data))))
                .on("CallTransferAccepted", data -> List.of(new CallTransferAccepted(WireFields.callId(data),
                        WireFields.identifier(WireFields.object(data, "transferee")),
                        WireFields.identifier(WireFields.object(data, "transferTarget")), context(data),
                        OperationCallback.OWN)))
                .on("CallTransferFailed", data -> List.of(new CallTransferFailed(WireFields.callId(data),
                        context(data), OperationCallback.OWN, WireFields.result(data))))
                .on("MoveParticipantSucceeded", data -> List.of(new MoveParticipantSucceeded(WireFields.callId(data),
                        moved(data), CallConnectionId.of(WireFields.text(data, "fromCall")), context(data),
                        OperationCallback.OWN)))
                .on("MoveParticipantFailed", data -> List.of(new MoveParticipantFailed(WireFields.callId(data),
                        WireFields.identifier(WireFields.object(data, "participant")),
                        CallConnectionId.of(WireFields.text(data, "fromCall")), context(data), OperationCallback.OWN,
                        WireFields.result(data))))
                .on("RecognizeCompleted", data -> List.of(new RecognizeCompleted(WireFields.callId(data),
                        recognized(data), WireFields.result(data))))
                .on("RecognizeFailed", data -> List.of(new RecognizeFailed(WireFields.callId(data),
                        WireFields.endedRecognition(context(data), List.of(), Optional.empty(), Optional.empty()),
                        WireFields.result(data))))
                .on("RecognizeCanceled", data -> List.of(new RecognizeCanceled(WireFields.callId(data),
                        WireFields.endedRecognition(context(data), List.of(), Optional.empty(), Optional.empty()))))
                .on("ContinuousDtmfRecognitionStopped", data -> List.of(new ContinuousDtmfRecognitionStopped(
                        WireFields.callId(data), ga.soleParticipant(data), context(data), OperationCallback.OWN)))
                .on("SendDtmfTonesCompleted", data -> List.of(new SendDtmfTonesCompleted(WireFields.callId(data),
                        context(data), OperationCallback.OWN)))
                .on("SendDtmfTonesFailed", data -> List.of(new SendDtmfTonesFailed(WireFields.callId(data),
                        context(data), OperationCallback.OWN, WireFields.result(data))))
                .on("HoldFailed", data -> List.of(new HoldFailed(WireFields.callId(data), ga.soleParticipant(data),
                        context(data), OperationCallback.OWN, WireFields.result(data))))
                .on("RecordingStateChanged", GaCallbackDecoding::recordingStateChanged)
                .on("MediaStreamingStarted", data -> streaming(data, Content.AUDIO, Status.STARTED))
                .on("MediaStreamingStopped", data -> streaming(data, Content.AUDIO, Status.STOPPED))
                .on("MediaStreamingFailed", data -> streaming(data, Content.AUDIO, Status.FAILED))
                .on("TranscriptionStarted", data -> streaming(data, Content.TRANSCRIPTION, Status.STARTED))
                .on("TranscriptionStopped", data -> streaming(data, Content.TRANSCRIPTION, Status.STOPPED))
                .on("TranscriptionFailed", data -> streaming(data, Content.TRANSCRIPTION, Status.FAILED))
                .on("TranscriptionUpdated", data -> streaming(data, Content.TRANSCRIPTION, Status.UPDATED));
    }

    /**
     * A media stream's or transcription's change: the details of its {@code mediaStreamingUpdate} or
     * {@code transcriptionUpdate} (e.g. {@code subscriptionStarted}) as their constant.
     */
    private static List<CallEvent> streaming(JsonObject data, Content content, Status status) {
        String details = content == Content.AUDIO
                ? WireFields.text(WireFields.object(data, "mediaStreamingUpdate"), "mediaStreamingStatusDetails")
                : WireFields.text(WireFields.object(data, "transcriptionUpdate"), "transcriptionStatusDetails");
        MediaStreamingChanged.Detail detail = MediaStreamingChanged.Detail.valueOf(
                details.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        return List.of(new MediaStreamingChanged(WireFields.callId(data), content, status, detail,
                WireFields.result(data), context(data), OperationCallback.OWN));
    }

    /** The recording as the event tells it: its id, state and start; what it was asked to be is not on the wire. */
    private static List<CallEvent> recordingStateChanged(JsonObject data) {
        RecordingState state = RecordingState.valueOf(WireFields.text(data, "state").toUpperCase(Locale.ROOT));
        Recording recording = new Recording(new RecordingId(WireFields.text(data, "recordingId")),
                RecordingSpec.mixed(), state, Instant.parse(WireFields.text(data, "startDateTime")));
        return List.of(new RecordingStateChanged(WireFields.callId(data), WireFields.text(data, "serverCallId"),
                recording, state));
    }

    private List<CallEvent> stateChanged(JsonObject data, CallState state, boolean wasConnected) {
        return stateChanged(data, state, wasConnected, false);
    }

    private List<CallEvent> stateChanged(JsonObject data, CallState state, boolean wasConnected, boolean answered) {
        CallConnectionId call = WireFields.callId(data);
        ResultInformation result = data.containsKey("resultInformation") ? WireFields.result(data)
                : state == CallState.CONNECTED ? ResultInformation.CONNECTED : WireFields.NO_RESULT;
        memory.heardOf(call, state == CallState.CONNECTED);
        return List.of(new CallConnectionStateChanged(call, data.getString("serverCallId", ""), state, wasConnected,
                result, context(data), answered));
    }

    /** The tone at the top level (current SDKs) or in {@code toneInfo} (older payloads). */
    private List<CallEvent> toneReceived(JsonObject data) {
        JsonObject info = data.containsKey("tone") ? data : WireFields.object(data, "toneInfo");
        return List.of(new ToneReceived(WireFields.callId(data), soleParticipant(data),
                WireFields.tone(WireFields.text(info, "tone")), WireFields.integer(info, "sequenceId")));
    }

    /** The participant of an event that names none: the call's only remembered participant, else an unknown one. */
    private Participant soleParticipant(JsonObject data) {
        List<Participant> known = memory.participants(WireFields.callId(data));
        return known.size() == 1 ? known.get(0) : WireFields.unknownParticipant(CallbackHandler.UNKNOWN);
    }

    /**
     * The recognition a {@code RecognizeCompleted} reports: its {@code dtmfResult.tones}, the label of its
     * {@code choiceResult} (with the phrase said and its confidence, when said), or its {@code speechResult}.
     */
    private static RecognizeOperation recognized(JsonObject data) {
        String type = data.getString("recognitionType", "dtmf");
        if (type.equalsIgnoreCase("choices")) {
            JsonObject choice = WireFields.object(data, "choiceResult");
            return WireFields.endedRecognition(context(data), List.of(),
                    Optional.of(WireFields.text(choice, "label")), said(choice, "recognizedPhrase"));
        }
        if (type.equalsIgnoreCase("speech")) {
            Optional<RecognizedSpeech> speech = said(WireFields.object(data, "speechResult"), "speech");
            return WireFields.endedRecognition(context(data), List.of(), Optional.empty(),
                    Optional.of(speech.orElseGet(() -> RecognizedSpeech.unscored(""))));
        }
        if (!type.equalsIgnoreCase("dtmf")) {
            throw new IllegalArgumentException("recognitionType: " + type + " (expected: dtmf, choices or speech)");
        }
        return WireFields.endedRecognition(context(data), dtmfTones(data), Optional.empty(), Optional.empty());
    }

    /** The words in {@code field} and the {@code confidence} beside them, if there are words. */
    private static Optional<RecognizedSpeech> said(JsonObject result, String field) {
        Optional<String> words = WireFields.optionalText(result, field);
        Object confidence = result.getValue("confidence");
        return words.map(text -> confidence instanceof Number number
                ? new RecognizedSpeech(text, number.doubleValue()) : RecognizedSpeech.unscored(text));
    }

    /** {@code dtmfResult.tones}. */
    private static List<Tone> dtmfTones(JsonObject data) {
        JsonArray names = WireFields.object(data, "dtmfResult").getJsonArray("tones", new JsonArray());
        List<Tone> tones = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!(names.getValue(i) instanceof String name)) {
                throw new IllegalArgumentException("dtmfResult.tones[" + i + "]: " + names.getValue(i)
                        + " (expected: a tone name)");
            }
            tones.add(WireFields.tone(name));
        }
        return tones;
    }

    /** The invitation id is the invitee's participant id (and, here, its leg id); GA does not say who it was. */
    private static Participant canceledInvitee(JsonObject data) {
        return WireFields.participant(WireFields.text(data, "invitationId"),
                new UnknownIdentifier(CallbackHandler.UNKNOWN), ParticipantState.CANCELING, false, false, true,
                context(data));
    }

    private static PlayOperation play(JsonObject data, OperationStatus status) {
        return WireFields.endedPlay(CallbackHandler.UNKNOWN, context(data), status, WireFields.result(data));
    }

    private static Participant participant(JsonObject data, ParticipantState state, boolean joined,
                                           boolean invited) {
        CommunicationIdentifier identifier = WireFields.identifier(WireFields.object(data, "participant"));
        return WireFields.participant(identifier.rawId(), identifier, state, joined, false, invited, context(data));
    }

    /** A participant moved into the call: connected, with no operation of its own (the wire says no more). */
    private static Participant moved(JsonObject data) {
        CommunicationIdentifier identifier = WireFields.identifier(WireFields.object(data, "participant"));
        return WireFields.participant(identifier.rawId(), identifier, ParticipantState.CONNECTED, true, false, false,
                Optional.empty());
    }

    private static Optional<String> context(JsonObject data) {
        return WireFields.optionalText(data, "operationContext");
    }
}
