package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.connection.Call;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.GaCalls.CREATE_BODY;
import static io.switchboard.adapter.rest.acs.GaCalls.VERSION;
import static io.switchboard.adapter.rest.acs.GaCalls.path;
import static io.switchboard.adapter.rest.acs.TestRequest.delete;
import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class GaCallRoutesTest {

    private final TestCore core = new TestCore();
    private ApiHarness api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases());
    }

    @Test
    void createsACallWith201AndCallConnectionPropertiesAndGaEvents() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(post("/calling/callConnections" + VERSION, CREATE_BODY)
                .header("x-ms-client-request-id", "client-1"));

        // then
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers().get("Content-Type")).startsWith("application/json");
        assertThat(reply.headers().get("x-ms-client-request-id")).isEqualTo("client-1");
        assertThat(reply.headers().get("X-Microsoft-Skype-Chain-ID")).isNotBlank();
        JsonNode json = reply.json();
        String id = json.get("callConnectionId").asText();
        assertThat(json.get("callConnectionState").asText()).isEqualTo("connecting");
        assertThat(json.get("targets").get(1).toString())
                .isEqualTo("{\"rawId\":\"4:+15550100002\",\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+15550100002\"}}");
        assertThat(json.get("sourceCallerIdNumber").toString()).isEqualTo("{\"value\":\"+18005550100\"}");
        assertThat(json.get("source").toString())
                .isEqualTo("{\"id\":\"8:acs:resource_00000000-0000-0000-0000-000000000001\"}");
        assertThat(json.get("callbackUri").asText()).isEqualTo("https://app.example.com/callbacks");
        Call call = core.call(io.switchboard.domain.call.CallConnectionId.of(id));
        assertThat(call.setup().callback().schema()).isEqualTo(EventSchema.GA);
        assertThat(core.telephony.dialled()).hasSize(2);
    }

    @Test
    void refusesAMissingOrUnknownApiVersionWith400NamingTheSupportedOnes() throws Exception {
        // when
        ApiHarness.Reply missing = api.send(post("/calling/callConnections", CREATE_BODY));
        ApiHarness.Reply unknown = api.send(post("/calling/callConnections?api-version=2019-01-01", CREATE_BODY));

        // then
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("8523");
        assertThat(missing.json().at("/error/message").asText()).startsWith("api-version: missing");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/message").asText()).contains("2019-01-01").contains("2026-03-12")
                .contains("2023-03-06");
        assertThat(core.telephony.dialled()).isEmpty();
    }

    @Test
    void replaysARepeatedCreateWithoutCreatingASecondCall() throws Exception {
        // given
        TestRequest first = post("/calling/callConnections" + VERSION, CREATE_BODY)
                .header("Repeatability-Request-ID", "8d6bd8b4-5c34-4bd2-8c9e-0d3a1b4b9a11")
                .header("Repeatability-First-Sent", "Mon, 23 Nov 2026 23:40:46 GMT");

        // when
        ApiHarness.Reply created = api.send(first);
        ApiHarness.Reply repeated = api.send(post("/calling/callConnections" + VERSION, CREATE_BODY)
                .header("Repeatability-Request-ID", "8d6bd8b4-5c34-4bd2-8c9e-0d3a1b4b9a11"));
        ApiHarness.Reply other = api.send(post("/calling/callConnections" + VERSION, CREATE_BODY)
                .header("Repeatability-First-Sent", "Mon, 23 Nov 2026 23:40:46 GMT"));

        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Repeatability-Result")).isEqualTo("accepted");
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.headers().get("Repeatability-Result")).isEqualTo("accepted");
        assertThat(repeated.body()).isEqualTo(created.body());
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().get("callConnectionId")).isNotEqualTo(created.json().get("callConnectionId"));
        assertThat(core.registry.active()).hasSize(2);
    }

    @Test
    void refusesAPhoneTargetWithoutSourceCallerIdNumberAndTargetsOfNoKnownShape() throws Exception {
        // when
        ApiHarness.Reply noCallerId = api.send(post("/calling/callConnections" + VERSION,
                "{\"targets\":[{\"phoneNumber\":{\"value\":\"+15550100001\"}}],\"callbackUri\":\"https://a.example/cb\"}"));
        ApiHarness.Reply noTargets = api.send(post("/calling/callConnections" + VERSION,
                "{\"targets\":[],\"callbackUri\":\"https://a.example/cb\"}"));

        // then
        assertThat(noCallerId.status()).isEqualTo(400);
        assertThat(noCallerId.json().at("/error/code").asText()).isEqualTo("8523");
        assertThat(noCallerId.json().at("/error/message").asText()).startsWith("sourceCallerIdNumber: missing");
        assertThat(noTargets.status()).isEqualTo(400);
        assertThat(noTargets.json().at("/error/message").asText()).startsWith("targets:");
    }

    @Test
    void readsACallWith200() throws Exception {
        // given
        Call call = GaCalls.connected(api, core);

        // when
        ApiHarness.Reply reply = api.send(get(path(call.id(), "")));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("callConnectionState").asText()).isEqualTo("connected");
        assertThat(reply.json().get("correlationId").asText()).isEqualTo(call.id().value());
    }

    @Test
    void answersAnUnknownCallWith404And8522InTheGaErrorShape() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(get("/calling/callConnections/nope" + VERSION));
        ApiHarness.Reply play = api.send(post("/calling/callConnections/nope:play" + VERSION,
                "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"https://m.example/a.wav\"}}]}"));

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("8522");
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo("Call nope not found.");
        assertThat(play.status()).isEqualTo(404);
        assertThat(play.json().at("/error/code").asText()).isEqualTo("8522");
    }

    @Test
    void leavesWithDeleteAndTerminatesWith204() throws Exception {
        // given: two calls, each with two connected participants
        Call left = GaCalls.connected(api, core);
        Call terminated = GaCalls.connected(api, core);

        // when
        ApiHarness.Reply delete = api.send(delete(path(left.id(), "")));
        ApiHarness.Reply terminate = api.send(post(path(terminated.id(), ":terminate"))
                .header("Repeatability-Request-ID", "b1a3f0c6-2f4e-4c53-9a0f-4d9f0b8c2a11"));
        ApiHarness.Reply again = api.send(post(path(terminated.id(), ":terminate"))
                .header("Repeatability-Request-ID", "b1a3f0c6-2f4e-4c53-9a0f-4d9f0b8c2a11"));

        // then
        assertThat(delete.status()).isEqualTo(204);
        assertThat(terminate.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(again.headers().get("Repeatability-Result")).isEqualTo("accepted");
        // the application left the first call: its two participants stay connected to each other
        assertThat(core.call(left.id()).state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(core.call(left.id()).connectedParticipants()).hasSize(2);
        assertThat(core.call(terminated.id()).state()).isEqualTo(CallState.DISCONNECTING);
        assertThat(core.telephony.hungUp()).hasSize(2);
    }

    @Test
    void transfersTheOnlyParticipantWith202() throws Exception {
        // given
        Call call = GaCalls.connected(api, core);
        api.send(post(path(call.id(), "/participants:remove"),
                "{\"participantToRemove\":{\"rawId\":\"4:+15550100002\"}}"));
        call.participants().stream().filter(p -> p.identifier().rawId().equals("4:+15550100002"))
                .forEach(p -> core.telephonyEvents().legEnded(p.leg(),
                        io.switchboard.domain.call.ResultInformation.HUNG_UP_BY_APPLICATION));

        // when
        ApiHarness.Reply reply = api.send(post(path(call.id(), ":transferToParticipant"),
                "{\"targetParticipant\":{\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+15550100001\"}},"
                        + "\"operationContext\":\"xfer\"}"));

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json().get("operationContext").asText()).isEqualTo("xfer");
        assertThat(core.telephony.transfers()).hasSize(1);
    }

    @Test
    void refusesActionsThisServerDoesNotOfferWith405And8520() throws Exception {
        // given
        Call call = GaCalls.connected(api, core);

        // when
        ApiHarness.Reply reply = api.send(post(path(call.id(), ":summarizeCall"), "{}"));
        ApiHarness.Reply move = api.send(post(path(call.id(), "/participants:promote"), "{}"));
        ApiHarness.Reply connect = api.send(post("/calling/callConnections:disconnectAll" + GaCalls.VERSION, "{}"));

        // then
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("8520");
        assertThat(move.status()).isEqualTo(405);
        assertThat(move.json().at("/error/message").asText()).isEqualTo("promote is not supported by this server.");
        assertThat(connect.status()).isEqualTo(405);
        assertThat(connect.json().at("/error/message").asText()).isEqualTo("disconnectAll is not supported by this server.");
    }

    @Test
    void connectsAnotherApplicationByServerCallIdUnderItsOwnIdThatTheRoutesTakeAsTheCalls() throws Exception {
        // given
        Call call = GaCalls.connected(api, core);

        // when
        ApiHarness.Reply connected = api.send(post("/calling/callConnections:connect" + VERSION,
                "{\"callLocator\":{\"kind\":\"serverCallLocator\",\"serverCallId\":\"" + call.serverCallId()
                        + "\"},\"callbackUri\":\"https://second.example.com/events\",\"operationContext\":\"c2\","
                        + "\"callIntelligenceOptions\":{\"cognitiveServicesEndpoint\":\"https://ai.example.com\"}}"));
        String second = connected.json().get("callConnectionId").asText();
        ApiHarness.Reply read = api.send(get("/calling/callConnections/" + second + VERSION));
        ApiHarness.Reply left = api.send(delete("/calling/callConnections/" + second + VERSION));

        // then
        assertThat(connected.status()).isEqualTo(200);
        assertThat(second).isNotEqualTo(call.id().value());
        assertThat(connected.json().get("serverCallId").asText()).isEqualTo(call.serverCallId());
        assertThat(connected.json().get("callbackUri").asText()).isEqualTo("https://second.example.com/events");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("callConnectionId").asText()).isEqualTo(second);
        assertThat(read.json().get("callConnectionState").asText()).isEqualTo("connected");
        assertThat(left.status()).isEqualTo(204);
        assertThat(core.call(call.id()).state()).isEqualTo(CallState.CONNECTED);
        assertThat(api.send(get("/calling/callConnections/" + second + VERSION)).status()).isEqualTo(404);
    }

    @Test
    void refusesAConnectThisServerCannotDoNamingTheField() throws Exception {
        // given
        Call call = GaCalls.connected(api, core);
        String locator = "{\"kind\":\"serverCallLocator\",\"serverCallId\":\"" + call.serverCallId() + "\"}";

        // when
        ApiHarness.Reply group = api.send(post("/calling/callConnections:connect" + VERSION,
                "{\"callLocator\":{\"kind\":\"groupCallLocator\",\"groupCallId\":\"g-1\"},"
                        + "\"callbackUri\":\"https://second.example.com/events\"}"));
        ApiHarness.Reply streaming = api.send(post("/calling/callConnections:connect" + VERSION,
                "{\"callLocator\":" + locator + ",\"callbackUri\":\"https://second.example.com/events\","
                        + "\"mediaStreamingOptions\":{\"transportUrl\":\"wss://agent.example.com\"}}"));
        ApiHarness.Reply noCallback = api.send(post("/calling/callConnections:connect" + VERSION,
                "{\"callLocator\":" + locator + "}"));
        ApiHarness.Reply unknown = api.send(post("/calling/callConnections:connect" + VERSION,
                "{\"callLocator\":{\"serverCallId\":\"nowhere\"},\"callbackUri\":\"https://s.example.com/e\"}"));

        // then
        assertThat(group.status()).isEqualTo(400);
        assertThat(group.json().at("/error/message").asText()).startsWith("callLocator.kind: groupCallLocator");
        assertThat(streaming.status()).isEqualTo(400);
        assertThat(streaming.json().at("/error/message").asText()).startsWith("mediaStreamingOptions");
        assertThat(noCallback.status()).isEqualTo(400);
        assertThat(noCallback.json().at("/error/message").asText()).startsWith("callbackUri: missing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/code").asText()).isEqualTo("8522");
    }
}
