package io.switchboard.client;

import io.switchboard.domain.call.CallState;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.HoldFailed;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackDecoderTest {

    private final CallbackDecoder decoder = new CallbackDecoder(new CallMemory(100));

    private List<CallEvent> decode(String name, String data) {
        JsonObject cloudEvent = new JsonObject().put("id", "e").put("data", new JsonObject(data));
        return decoder.decode("Microsoft.Communication." + name, cloudEvent).orElseThrow();
    }

    @Test
    void readsTheToneNamesOfBothSchemas() {
        List<String> origin = List.of("tone0", "tone9", "star", "pound", "a", "d", "flash");
        List<String> ga = List.of("zero", "nine", "asterisk", "pound", "A", "d", "flash");

        assertThat(origin).map(WireFields::tone)
                .containsExactly(Tone.ZERO, Tone.NINE, Tone.STAR, Tone.POUND, Tone.A, Tone.D, Tone.FLASH);
        assertThat(ga).map(WireFields::tone)
                .containsExactly(Tone.ZERO, Tone.NINE, Tone.STAR, Tone.POUND, Tone.A, Tone.D, Tone.FLASH);
        // every key, by the names each schema gives it
        assertThat(Stream.of("tone0", "tone1", "tone2", "tone3", "tone4", "tone5", "tone6", "tone7", "tone8", "tone9",
                "star", "pound", "a", "b", "c", "d", "flash").map(WireFields::tone)).containsExactly(Tone.values());
        assertThat(Stream.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "asterisk", "pound", "a", "b", "c", "d", "flash").map(WireFields::tone)).containsExactly(Tone.values());
        assertThatThrownBy(() -> WireFields.tone("tone10")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void infersWhetherACallNotSeenBeforeWasConnectedFromItsResult() {
        String hungUp = """
                {"callConnectionId":"c1","serverCallId":"s","callConnectionState":"disconnected",
                 "resultInfo":{"code":200,"subcode":7000,"message":"The conversation has ended."}}""";
        String busy = """
                {"callConnectionId":"c2","serverCallId":"s","callConnectionState":"disconnected",
                 "resultInfo":{"code":486,"subcode":8539,"message":"Callee is busy."}}""";

        CallConnectionStateChanged first = (CallConnectionStateChanged) decode("CallConnectionStateChanged", hungUp)
                .get(0);
        CallConnectionStateChanged second = (CallConnectionStateChanged) decode("CallConnectionStateChanged", busy)
                .get(0);

        assertThat(first.wasConnected()).isTrue();
        assertThat(second.wasConnected()).isFalse();
        assertThat(second.result().subCode()).isEqualTo(8539);
    }

    @Test
    void takesACallSeenOnlyConnectingThatDisconnectsWithSuccessForOneNeverConnected() {
        decode("CallConnectionStateChanged", """
                {"callConnectionId":"c1","callConnectionState":"connecting"}""");

        CallConnectionStateChanged ended = (CallConnectionStateChanged) decode("CallConnectionStateChanged", """
                {"callConnectionId":"c1","callConnectionState":"disconnected",
                 "resultInfo":{"code":200,"subcode":7000,"message":"hung up while ringing"}}""").get(0);

        assertThat(ended.state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(ended.wasConnected()).isFalse();
        assertThat(ended.serverCallId()).isEmpty();
    }

    @Test
    void namesATonesSenderItHasNotHeardOfByItsParticipantIdAndAnUnknownIdentifier() {
        ToneReceived tone = (ToneReceived) decode("ToneReceived", """
                {"callConnectionId":"c1","participantId":"p-7","toneInfo":{"sequenceId":3,"tone":"tone1"}}""").get(0);

        assertThat(tone.tone()).isEqualTo(Tone.ONE);
        assertThat(tone.sequenceId()).isEqualTo(3);
        assertThat(tone.from().id().value()).isEqualTo("p-7");
        assertThat(tone.from().identifier()).isEqualTo(new UnknownIdentifier("unknown"));
    }

    @Test
    void turnsAnInvitationResultNamingSeveralInviteesIntoOneEventEach() {
        List<CallEvent> events = decode("InviteParticipantsResult", """
                {"callConnectionId":"c1","operationContext":"ctx","status":"completed",
                 "resultInfo":{"code":200,"subcode":0,"message":"ok"},
                 "participants":[{"phoneNumber":{"value":"+15550100001"}},{"rawId":"8:acs:x_1"}]}""");

        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(AddParticipantSucceeded.class));
        assertThat(events).map(e -> ((AddParticipantSucceeded) e).participant().identifier().rawId())
                .containsExactly("4:+15550100001", "8:acs:x_1");
    }

    @Test
    void readsWhatWasSaidInAChoiceOrSpeechRecognition() {
        RecognizeCompleted choice = (RecognizeCompleted) decode("RecognizeCompleted", """
                {"callConnectionId":"c1","recognitionType":"choices","resultInformation":{"code":200,"subCode":8545},
                 "choiceResult":{"label":"Confirm","recognizedPhrase":"yes","confidence":0.75}}""").get(0);
        RecognizeCompleted speech = (RecognizeCompleted) decode("RecognizeCompleted", """
                {"callConnectionId":"c1","recognitionType":"speech","resultInformation":{"code":200,"subCode":0},
                 "speechResult":{"speech":"pay my bill"}}""").get(0);

        assertThat(choice.operation().chosen()).contains("Confirm");
        assertThat(choice.operation().heard()).contains(new RecognizedSpeech("yes", 0.75));
        assertThat(speech.operation().chosen()).isEmpty();
        assertThat(speech.operation().heard()).contains(RecognizedSpeech.unscored("pay my bill"));
    }

    @Test
    void readsTheTonesOfAGaDtmfRecognitionAndRefusesAnUnknownKindOfRecognition() {
        RecognizeCompleted completed = (RecognizeCompleted) decode("RecognizeCompleted", """
                {"callConnectionId":"c1","operationContext":"menu","recognitionType":"dtmf",
                 "resultInformation":{"code":200,"subCode":8514,"message":"stop tone"},
                 "dtmfResult":{"tones":["one","asterisk","d"]}}""").get(0);

        assertThat(completed.operation().tones()).containsExactly(Tone.ONE, Tone.STAR, Tone.D);
        assertThat(completed.operation().operationContext()).contains("menu");
        assertThat(completed.operation().options()).isEqualTo(CallbackHandler.UNKNOWN_DTMF_OPTIONS);
        assertThat(completed.result().subCode()).isEqualTo(8514);
        assertThatThrownBy(() -> decode("RecognizeCompleted", """
                {"callConnectionId":"c1","recognitionType":"gesture"}"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("recognitionType: gesture");
        assertThatThrownBy(() -> decode("RecognizeCompleted", """
                {"callConnectionId":"c1","recognitionType":"dtmf","dtmfResult":{"tones":["one",7]}}"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dtmfResult.tones[1]: 7");
    }

    @Test
    void readsWhetherAGaParticipantIsOnHoldAndNamesItInAHoldFailedThatNamesNobody() {
        ParticipantsUpdated updated = (ParticipantsUpdated) decode("ParticipantsUpdated", """
                {"callConnectionId":"c1","sequenceNumber":2,
                 "participants":[{"identifier":{"rawId":"4:+14255550123"},"isMuted":false,"isOnHold":true}]}""")
                .get(0);
        HoldFailed failed = (HoldFailed) decode("HoldFailed", """
                {"callConnectionId":"c1","operationContext":"hold",
                 "resultInformation":{"code":400,"subCode":8536,"message":"not downloaded"}}""").get(0);

        assertThat(updated.participants()).singleElement().satisfies(p -> assertThat(p.onHold()).isTrue());
        assertThat(failed.participant()).isEqualTo(updated.participants().get(0));
        assertThat(failed.operationContext()).contains("hold");
        assertThat(failed.result().subCode()).isEqualTo(8536);
    }

    @Test
    void namesTheCanceledInviteeByItsInvitationIdAlone() {
        CancelAddParticipantSucceeded canceled = (CancelAddParticipantSucceeded) decode(
                "CancelAddParticipantSucceeded", """
                {"callConnectionId":"c1","operationContext":"cancel","invitationId":"p-9"}""").get(0);

        assertThat(canceled.invitee().id().value()).isEqualTo("p-9");
        assertThat(canceled.invitee().identifier()).isEqualTo(new UnknownIdentifier("unknown"));
        assertThat(canceled.invitee().state()).isEqualTo(ParticipantState.CANCELING);
        assertThatThrownBy(() -> decode("CancelAddParticipantFailed", "{\"callConnectionId\":\"c1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invitationId: null");
    }

    @Test
    void knowsNoTypeOutsideTheCommunicationNamespaceOrNotInEitherSchema() {
        JsonObject cloudEvent = new JsonObject().put("data", new JsonObject());

        assertThat(decoder.decode("com.example.CallConnected", cloudEvent)).isEmpty();
        assertThat(decoder.decode("Microsoft.Communication.StartRecordingFailed", cloudEvent)).isEmpty();
    }

    @Test
    void refusesDataThatDoesNotFitItsTypeNamingTheField() {
        assertThatThrownBy(() -> decode("PlayAudioResult", """
                {"callConnectionId":"c1","status":"paused"}"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("status: paused");
        assertThatThrownBy(() -> decode("ToneReceived", "{\"toneInfo\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("callConnectionId: null");
    }
}
