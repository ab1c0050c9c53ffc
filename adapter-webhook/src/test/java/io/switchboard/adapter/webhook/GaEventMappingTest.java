package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.client.CallbackDecoder;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.switchboard.adapter.webhook.CallEventFixtures.CALL;
import static org.assertj.core.api.Assertions.assertThat;

class GaEventMappingTest {

    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    private final CloudEventSerializer serializer = new CloudEventSerializer("2025-05-15");
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode body(CallEvent event) throws IOException {
        return json.readTree(serializer.serialize(EventSchema.GA, event, "evt-1", TIME).orElseThrow());
    }

    @Test
    void sendsCallConnectedAsAOneElementArrayWithTheCommonFields() throws IOException {
        // given
        CallEvent event = CallEventFixtures.connected(CALL);

        // when
        JsonNode body = body(event);

        // then
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        JsonNode cloudEvent = body.get(0);
        assertThat(cloudEvent.get("type").asText()).isEqualTo("Microsoft.Communication.CallConnected");
        assertThat(cloudEvent.get("source").asText()).isEqualTo("calling/callConnections/call-1");
        assertThat(cloudEvent.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(cloudEvent.get("data").toString()).isEqualTo("{\"version\":\"2025-05-15\","
                + "\"resultInformation\":{\"code\":200,\"subCode\":0,\"message\":\"Call connected.\"},"
                + "\"callConnectionId\":\"call-1\",\"serverCallId\":\"server-call-1\",\"correlationId\":\"call-1\","
                + "\"publicEventType\":\"Microsoft.Communication.CallConnected\"}");
    }

    @Test
    void tellsAnotherApplicationsConnectionOfTheCallUnderItsOwnId() throws IOException {
        // given
        CallEvent event = CallEventFixtures.connected(CALL);

        // when
        JsonNode cloudEvent = json.readTree(serializer.serialize(EventSchema.GA, event, "evt-1", TIME,
                io.switchboard.domain.call.CallConnectionId.of("second-app")).orElseThrow()).get(0);

        // then
        assertThat(cloudEvent.get("source").asText()).isEqualTo("calling/callConnections/second-app");
        assertThat(cloudEvent.get("subject").asText()).isEqualTo("calling/callConnections/second-app");
        assertThat(cloudEvent.at("/data/callConnectionId").asText()).isEqualTo("second-app");
        assertThat(cloudEvent.at("/data/serverCallId").asText()).isEqualTo("server-call-1");
    }

    @Test
    void echoesTheOperationContextTheCallWasCreatedWith() throws IOException {
        // given
        CallEvent event = new CallConnectionStateChanged(CALL, "server-call-1", CallState.CONNECTED, false,
                ResultInformation.CONNECTED, java.util.Optional.of("campaign-7"));

        // when
        JsonNode data = body(event).get(0).get("data");

        // then
        assertThat(data.get("operationContext").asText()).isEqualTo("campaign-7");
    }

    @Test
    void tellsAnEndedConversationFromACallThatNeverConnected() throws IOException {
        // given
        CallEvent hungUp = CallEventFixtures.stateChanged(CALL, CallState.DISCONNECTED, true,
                ResultInformation.REMOTE_HUNG_UP);
        CallEvent busy = CallEventFixtures.stateChanged(CALL, CallState.DISCONNECTED, false,
                ResultInformation.busy(""));

        // when
        JsonNode disconnected = body(hungUp).get(0);
        JsonNode failed = body(busy).get(0);

        // then
        assertThat(disconnected.get("type").asText()).isEqualTo("Microsoft.Communication.CallDisconnected");
        assertThat(disconnected.at("/data/resultInformation/subCode").asInt()).isEqualTo(5001);
        assertThat(failed.get("type").asText()).isEqualTo("Microsoft.Communication.CreateCallFailed");
        assertThat(failed.at("/data/resultInformation/subCode").asInt()).isEqualTo(8539);
    }

    @Test
    void reportsAnAnsweredCallThatNeverConnectedAsAnswerFailed() throws IOException {
        // given: the caller hung up as the application answered
        CallEvent event = new CallConnectionStateChanged(CALL, "server-call-1", CallState.DISCONNECTED, false,
                ResultInformation.canceled("the caller hung up before the call was answered"),
                java.util.Optional.of("inbound"), true);

        // when
        JsonNode failed = body(event).get(0);

        // then
        assertThat(failed.get("type").asText()).isEqualTo("Microsoft.Communication.AnswerFailed");
        assertThat(failed.at("/data/operationContext").asText()).isEqualTo("inbound");
        assertThat(failed.at("/data/resultInformation/subCode").asInt()).isEqualTo(8542);
        io.vertx.core.json.JsonObject wire = new io.vertx.core.json.JsonObject(failed.toString());
        assertThat(CallbackDecoder.create().decode(wire.getString("type"), wire).orElseThrow())
                .singleElement().isEqualTo(event);
    }

    @Test
    void sendsNothingForTheTransientStatesGaDoesNotReport() {
        // given
        CallEvent connecting = CallEventFixtures.stateChanged(CALL, CallState.CONNECTING, false,
                ResultInformation.CONNECTED);
        CallEvent disconnecting = CallEventFixtures.stateChanged(CALL, CallState.DISCONNECTING, true,
                ResultInformation.HUNG_UP_BY_APPLICATION);

        // when / then
        assertThat(serializer.serialize(EventSchema.GA, connecting, "evt-1", TIME)).isEmpty();
        assertThat(serializer.serialize(EventSchema.GA, disconnecting, "evt-2", TIME)).isEmpty();
    }

    @Test
    void listsParticipantsWithMuteAndHoldButWithoutServerCallId() throws IOException {
        // given
        CallEvent event = new ParticipantsUpdated(CALL, 2, List.of(CallEventFixtures.aPhoneParticipant()));

        // when
        JsonNode data = body(event).get(0).get("data");

        // then
        assertThat(data.has("serverCallId")).isFalse();
        assertThat(data.get("sequenceNumber").asInt()).isEqualTo(2);
        assertThat(data.at("/participants/0/identifier/kind").asText()).isEqualTo("phoneNumber");
        assertThat(data.at("/participants/0/isMuted").asBoolean()).isFalse();
        assertThat(data.at("/participants/0/isOnHold").isBoolean()).isTrue();
    }

    @Test
    void sendsTonesWithGaNamesBothFlatAndInToneInfo() throws IOException {
        // given
        List<Tone> tones = List.of(Tone.ZERO, Tone.SEVEN, Tone.STAR, Tone.POUND, Tone.B);

        // when
        List<String> names = tones.stream().map(GaEventMapping::toneName).toList();
        JsonNode cloudEvent = body(CallEventFixtures.tone(CALL, Tone.STAR, 3)).get(0);

        // then
        assertThat(names).containsExactly("zero", "seven", "asterisk", "pound", "b");
        assertThat(cloudEvent.get("type").asText())
                .isEqualTo("Microsoft.Communication.ContinuousDtmfRecognitionToneReceived");
        assertThat(cloudEvent.at("/data/tone").asText()).isEqualTo("asterisk");
        assertThat(cloudEvent.at("/data/sequenceId").asInt()).isEqualTo(3);
        assertThat(cloudEvent.at("/data/toneInfo").toString()).isEqualTo("{\"sequenceId\":3,\"tone\":\"asterisk\"}");
    }

    @Test
    void reportsAFailedPlayWithItsCauseContextAndSourceIndex() throws IOException {
        // given
        CallEvent event = new PlayFailed(CALL, CallEventFixtures.aPlay(), ResultInformation.invalidFileFormat(""));

        // when
        JsonNode cloudEvent = body(event).get(0);

        // then
        assertThat(cloudEvent.get("type").asText()).isEqualTo("Microsoft.Communication.PlayFailed");
        assertThat(cloudEvent.at("/data/operationContext").asText()).isEqualTo("play-ctx");
        assertThat(cloudEvent.at("/data/resultInformation/subCode").asInt()).isEqualTo(8535);
        assertThat(cloudEvent.at("/data/failedPlaySourceIndex").asInt()).isZero();
    }

    @Test
    void alwaysCarriesTheParticipantOfParticipantResults() throws IOException {
        // given
        CallEvent event = new RemoveParticipantSucceeded(CALL, Optional.of("remove-ctx"),
                CallEventFixtures.aPhoneParticipant());

        // when
        JsonNode cloudEvent = body(event).get(0);

        // then
        assertThat(cloudEvent.get("type").asText()).isEqualTo("Microsoft.Communication.RemoveParticipantSucceeded");
        assertThat(cloudEvent.at("/data/operationContext").asText()).isEqualTo("remove-ctx");
        assertThat(cloudEvent.at("/data/participant/rawId").asText()).isEqualTo("4:+14255550123");
        assertThat(cloudEvent.at("/data/publicEventType").asText())
                .isEqualTo("Microsoft.Communication.RemoveParticipantSucceeded");
    }

    @Test
    void sendsRecognizeCompletedWithTheDtmfTonesInGaNames() throws IOException {
        // given
        CallEvent event = new io.switchboard.domain.event.RecognizeCompleted(CALL,
                CallEventFixtures.aRecognition(List.of(Tone.ONE, Tone.STAR)), ResultInformation.RECOGNIZED_MAX_TONES);

        // when
        JsonNode cloudEvent = body(event).get(0);

        // then
        assertThat(cloudEvent.get("type").asText()).isEqualTo("Microsoft.Communication.RecognizeCompleted");
        assertThat(cloudEvent.at("/data/recognitionType").asText()).isEqualTo("dtmf");
        assertThat(cloudEvent.at("/data/dtmfResult/tones").toString()).isEqualTo("[\"one\",\"asterisk\"]");
        assertThat(cloudEvent.at("/data/resultInformation/subCode").asInt()).isEqualTo(8531);
        assertThat(cloudEvent.at("/data/operationContext").asText()).isEqualTo("rec-ctx");
    }

    @Test
    void sendsRecognizeCompletedOfAChoiceWithItsLabelAndTheClientReadsItBack() throws IOException {
        // given
        io.switchboard.domain.media.RecognizeOperation choosing = io.switchboard.domain.media.RecognizeOperation
                .choosing(io.switchboard.domain.media.MediaOperationId.of("rec-2"),
                        io.switchboard.domain.call.LegId.of("leg-1"), List.of(new io.switchboard.domain.media.Choice(
                                "Confirm", List.of("Confirm", "One"), java.util.Optional.of(Tone.ONE))),
                        CallEventFixtures.aRecognition(List.of()).options(), java.util.Optional.empty(), false,
                        java.util.Optional.of("menu"), io.switchboard.domain.call.OperationCallback.OWN)
                .with(Tone.ONE);
        CallEvent event = new io.switchboard.domain.event.RecognizeCompleted(CALL, choosing,
                ResultInformation.RECOGNIZED_CHOICE);

        // when
        JsonNode cloudEvent = body(event).get(0);
        io.vertx.core.json.JsonObject wire = new io.vertx.core.json.JsonObject(cloudEvent.toString());
        List<CallEvent> decoded = CallbackDecoder.create().decode(wire.getString("type"), wire).orElseThrow();

        // then
        assertThat(cloudEvent.at("/data/recognitionType").asText()).isEqualTo("choices");
        assertThat(cloudEvent.at("/data/choiceResult/label").asText()).isEqualTo("Confirm");
        assertThat(cloudEvent.at("/data/resultInformation/subCode").asInt()).isEqualTo(8533);
        assertThat(decoded).singleElement().isInstanceOfSatisfying(
                io.switchboard.domain.event.RecognizeCompleted.class, completed -> {
                    assertThat(completed.operation().chosen()).contains("Confirm");
                    assertThat(completed.operation().operationContext()).contains("menu");
                });
    }

    @Test
    void namesTheInvitationOfCancelAddParticipantEventsAndBothPartiesOfATransfer() throws IOException {
        // given
        List<CallEvent> events = CallEventFixtures.oneOfEach();

        // when
        JsonNode canceled = body(events.stream().filter(
                io.switchboard.domain.event.CancelAddParticipantSucceeded.class::isInstance).findFirst().orElseThrow());
        JsonNode transferred = body(events.stream().filter(
                io.switchboard.domain.event.CallTransferAccepted.class::isInstance).findFirst().orElseThrow());

        // then
        assertThat(canceled.at("/0/data/invitationId").asText()).isEqualTo("p-2");
        assertThat(transferred.at("/0/data/transferTarget/rawId").asText()).isEqualTo("4:+15550100001");
        assertThat(transferred.at("/0/data/transferee/kind").asText()).isEqualTo("phoneNumber");
    }
}
