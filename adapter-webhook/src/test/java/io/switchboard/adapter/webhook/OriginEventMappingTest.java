package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.call.LegId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.switchboard.adapter.webhook.CallEventFixtures.CALL;
import static org.assertj.core.api.Assertions.assertThat;

class OriginEventMappingTest {

    private static final Instant TIME = Instant.parse("2021-03-04T05:06:07Z");

    private final CloudEventSerializer serializer = new CloudEventSerializer("2025-05-15");
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode body(CallEvent event) throws IOException {
        return json.readTree(serializer.serialize(EventSchema.ORIGIN_2021, event, "evt-1", TIME).orElseThrow());
    }

    @Test
    void wrapsTheEventInOneBareCloudEventNamingTheCall() throws IOException {
        // given
        CallEvent event = CallEventFixtures.connected(CALL);

        // when
        JsonNode body = body(event);

        // then
        assertThat(body.isObject()).isTrue();
        assertThat(body.get("id").asText()).isEqualTo("evt-1");
        assertThat(body.get("source").asText()).isEqualTo("calling/callConnections/call-1");
        assertThat(body.get("subject").asText()).isEqualTo("calling/callConnections/call-1");
        assertThat(body.get("type").asText()).isEqualTo("Microsoft.Communication.CallConnectionStateChanged");
        assertThat(body.get("specversion").asText()).isEqualTo("1.0");
        assertThat(body.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(body.get("time").asText()).isEqualTo("2021-03-04T05:06:07Z");
        assertThat(body.at("/data/callConnectionState").asText()).isEqualTo("connected");
        assertThat(body.at("/data/serverCallId").asText()).isEqualTo("server-call-1");
    }

    @Test
    void reportsTheCauseOfADisconnectInResultInfo() throws IOException {
        // given
        CallEvent event = CallEventFixtures.stateChanged(CALL, CallState.DISCONNECTED, false,
                ResultInformation.busy("486"));

        // when
        JsonNode data = body(event).get("data");

        // then
        assertThat(data.get("callConnectionState").asText()).isEqualTo("disconnected");
        assertThat(data.at("/resultInfo/code").asInt()).isEqualTo(486);
        assertThat(data.at("/resultInfo/subcode").asInt()).isEqualTo(8539);
        assertThat(data.at("/resultInfo/message").asText()).startsWith("Callee is busy.");
    }

    @Test
    void listsParticipantsWithIdentifierIdAndMute() throws IOException {
        // given
        Participant unknown = Participant.target(ParticipantId.of("p-9"), new UnknownIdentifier("28:bot"),
                LegId.of("leg-9"));
        CallEvent event = new ParticipantsUpdated(CALL, 3,
                List.of(CallEventFixtures.aPhoneParticipant(), CallEventFixtures.aUserParticipant(), unknown));

        // when
        JsonNode data = body(event).get("data");

        // then
        assertThat(data.get("sequenceNumber").asInt()).isEqualTo(3);
        assertThat(data.at("/participants/0").toString()).isEqualTo("{\"identifier\":{\"rawId\":\"4:+14255550123\","
                + "\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+14255550123\"}},\"participantId\":\"p-1\","
                + "\"isMuted\":false}");
        assertThat(data.at("/participants/1/identifier").toString()).isEqualTo("{\"rawId\":\"8:acs:res_1234\","
                + "\"kind\":\"communicationUser\",\"communicationUser\":{\"id\":\"8:acs:res_1234\"}}");
        assertThat(data.at("/participants/2/identifier").toString())
                .isEqualTo("{\"rawId\":\"28:bot\",\"kind\":\"unknown\"}");
    }

    @Test
    void namesTonesTheWayThe2021ApiDid() throws IOException {
        // given
        List<Tone> tones = List.of(Tone.ZERO, Tone.NINE, Tone.STAR, Tone.POUND, Tone.A, Tone.D, Tone.FLASH);

        // when
        List<String> names = tones.stream().map(OriginEventMapping::toneName).toList();
        JsonNode data = body(CallEventFixtures.tone(CALL, Tone.STAR, 4)).get("data");

        // then
        assertThat(names).containsExactly("tone0", "tone9", "star", "pound", "a", "d", "flash");
        assertThat(data.get("participantId").asText()).isEqualTo("p-1");
        assertThat(data.get("toneInfo").toString()).isEqualTo("{\"sequenceId\":4,\"tone\":\"star\"}");
    }

    @Test
    void reportsACanceledPlayAsAFailedPlayAudioResultWith8508() throws IOException {
        // given
        CallEvent event = new PlayCanceled(CALL, CallEventFixtures.aPlay());

        // when
        JsonNode body = body(event);

        // then
        assertThat(body.get("type").asText()).isEqualTo("Microsoft.Communication.PlayAudioResult");
        assertThat(body.at("/data/operationId").asText()).isEqualTo("op-1");
        assertThat(body.at("/data/operationContext").asText()).isEqualTo("play-ctx");
        assertThat(body.at("/data/status").asText()).isEqualTo("failed");
        assertThat(body.at("/data/resultInfo/code").asInt()).isEqualTo(400);
        assertThat(body.at("/data/resultInfo/subcode").asInt()).isEqualTo(8508);
    }

    @Test
    void reportsAFailedInvitationWithTheInviteeAndNoContextWhenNoneWasGiven() throws IOException {
        // given
        CallEvent event = new AddParticipantFailed(CALL, Optional.empty(), CallEventFixtures.aUserParticipant(),
                ResultInformation.unavailable(""));

        // when
        JsonNode body = body(event);

        // then
        assertThat(body.get("type").asText()).isEqualTo("Microsoft.Communication.InviteParticipantsResult");
        assertThat(body.get("data").has("operationContext")).isFalse();
        assertThat(body.at("/data/status").asText()).isEqualTo("failed");
        assertThat(body.at("/data/resultInfo/subcode").asInt()).isEqualTo(8541);
        assertThat(body.at("/data/participants/0/rawId").asText()).isEqualTo("8:acs:res_1234");
    }

    @Test
    void sendsNothingForARemovedParticipantWhichThe2021ApiCouldNotRemove() {
        // given
        CallEvent event = new RemoveParticipantSucceeded(CALL, Optional.empty(), CallEventFixtures.aPhoneParticipant());

        // when
        Optional<byte[]> body = serializer.serialize(EventSchema.ORIGIN_2021, event, "evt-1", TIME);

        // then
        assertThat(body).isEmpty();
    }
}
