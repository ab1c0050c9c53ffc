package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class OriginCallRoutesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TestCore core = new TestCore();
    private ApiHarness api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases());
    }

    @Test
    void createsACallAndAnswers200WithItsLegId() throws Exception {
        // given
        TestRequest request = post("/calls", OriginCalls.CREATE_BODY);

        // when
        ApiHarness.Reply reply = api.send(request);

        // then
        assertThat(reply.status()).isEqualTo(200);
        String id = reply.json().get("callLegId").asText();
        Call call = core.registry.find(CallConnectionId.of(id)).orElseThrow();
        assertThat(call.setup().callback().schema()).isEqualTo(EventSchema.ORIGIN_2021);
        assertThat(call.setup().callerId()).contains(new PhoneNumberIdentifier("+18005550100"));
        assertThat(call.setup().subject()).contains("Outage at site 4");
        assertThat(call.setup().requestedEvents()).isEqualTo(Set.of(RequestedCallEvent.values()));
        assertThat(core.telephony.dialled()).singleElement()
                .satisfies(d -> assertThat(d.target()).isEqualTo(new PhoneNumberIdentifier("+14251001000")));
    }

    @Test
    void acceptsTheSwaggerNamesRawIdsAndARingTimeoutAndIgnoresUnknownFields() throws Exception {
        // given
        String body = """
                {"targets": [{"rawId": "4:14251001000"}, {"kind": "unknown", "rawId": "28:bot"}],
                 "sourceAlternateIdentity": {"kind": "phoneNumber", "phoneNumber": {"value": "+18005550100"}},
                 "callbackUri": "http://127.0.0.1:9/cb", "ringTimeoutInSeconds": 45, "somethingNew": {"x": 1}}""";

        // when
        ApiHarness.Reply reply = api.send(post("/calls", body));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(core.telephony.dialled()).singleElement().satisfies(d -> {
            assertThat(d.target()).isEqualTo(new PhoneNumberIdentifier("+14251001000"));
            assertThat(d.ringTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(d.callerId()).contains(new PhoneNumberIdentifier("+18005550100"));
        });
        Call call = core.registry.find(CallConnectionId.of(reply.json().get("callLegId").asText())).orElseThrow();
        assertThat(call.setup().requestedEvents()).isEmpty();
        assertThat(call.participants()).extracting(p -> p.identifier())
                .doesNotContain(new UnknownIdentifier("28:bot")); // unreachable: ended at once
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            targets missing | {"targets":null} | targets: missing
            targets empty | {"targets":[]} | targets: []
            targets [null] | {"targets":[null]} | targets[0]: null
            target not E.164 | {"targets":[{"phoneNumber":{"value":"12345"}}]} \
             | targets[0].phoneNumber.value: 12345 (expected: E.164, e.g. +14255550123)
            user id malformed | {"targets":[{"communicationUser":{"id":"x"}}]} | targets[0].communicationUser.id: x
            target of no known shape | {"targets":[{"kind":"phoneNumber"}]} | targets[0]: {"kind":"phoneNumber"}
            callbackUri missing | {"callbackUri":null} | callbackUri: missing
            callbackUri relative | {"callbackUri":"/cb"} | callbackUri: /cb
            callbackUri not a string | {"callbackUri":5} | callbackUri: 5 (expected: a string)
            video | {"requestedModalities":["video"]} | requestedModalities[0]: "video"
            unknown call event | {"requestedCallEvents":["toneReceived"]} | requestedCallEvents[0]: "toneReceived"
            caller id a user | {"alternateCallerId":{"rawId":"8:acs:x"}} | alternateCallerId: 8:acs:x (expected: a phone
            ring timeout too long | {"ringTimeoutInSeconds":601} \
             | ringTimeoutInSeconds: 601 (expected: an integer from 1 to 600)
            subject not a string | {"subject":{}} | subject: {} (expected: a string)
            """)
    void refusesAnInvalidCreateWith400NamingTheField(String why, String change, String message) throws Exception {
        // given
        ObjectNode body = (ObjectNode) MAPPER.readTree(
                "{\"targets\":[{\"rawId\":\"4:+14251001000\"}],\"callbackUri\":\"https://a.example/cb\"}");
        MAPPER.readTree(change).fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                body.remove(f.getKey());
            } else {
                body.set(f.getKey(), f.getValue());
            }
        });

        // when
        ApiHarness.Reply reply = api.send(post("/calls", body.toString()));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("8523");
        assertThat(reply.json().get("message").asText()).startsWith(message);
        assertThat(core.telephony.dialled()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"targets":[   | body: malformed JSON at line 1, column 13 (expected: a JSON object)
            ["targets"]    | body: array (expected: a JSON object)
            """)
    void refusesABodyThatIsNotAJsonObject(String body, String message) throws Exception {
        // when
        ApiHarness.Reply reply = api.send(post("/calls", body));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "application/x-www-form-urlencoded"})
    void refusesABodyOfAnotherContentType(String type) throws Exception {
        // given
        TestRequest request = post("/calls", "targets=x").header("Content-Type", type);

        // when
        ApiHarness.Reply reply = api.send(request);

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText())
                .isEqualTo("Content-Type: " + type + " (expected: application/json)");
    }

    @Test
    void refusesAnEmptyCreateBody() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(TestRequest.post("/calls"));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).isEqualTo("body: empty (expected: a JSON object)");
    }

    @Test
    void readsACallWithItsParticipants() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply reply = api.send(get("/calls/" + call.id()));

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("callLegId").asText()).isEqualTo(call.id().value());
        assertThat(json.get("callConnectionId").asText()).isEqualTo(call.id().value());
        assertThat(json.get("serverCallId").asText()).isEqualTo(call.serverCallId());
        assertThat(json.get("callConnectionState").asText()).isEqualTo("connected");
        assertThat(json.get("callbackUri").asText()).isEqualTo("http://127.0.0.1:9/callbacks");
        assertThat(json.has("subject")).isFalse();
        JsonNode participant = json.get("participants").get(0);
        assertThat(participant.get("identifier").toString()).isEqualTo(
                "{\"rawId\":\"4:+14251001000\",\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+14251001000\"}}");
        assertThat(participant.get("participantId").asText()).isEqualTo(call.participants().get(0).id().value());
        assertThat(participant.get("isMuted").asBoolean()).isFalse();
        assertThat(participant.get("state").asText()).isEqualTo("connected");
    }

    @Test
    void hangsUpACallWith202AndNoBody() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply reply = api.send(TestRequest.post("/calls/" + call.id() + "/Hangup"));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(core.registry.find(call.id()).orElseThrow().state()).isEqualTo(CallState.DISCONNECTING);
        assertThat(core.telephony.hungUp()).containsExactly(call.participants().get(0).leg());
    }

    @Test
    void answers404ForAnUnknownCall() throws Exception {
        // when
        ApiHarness.Reply get = api.send(get("/calls/nope"));
        ApiHarness.Reply hangUp = api.send(TestRequest.post("/calls/nope/Hangup"));

        // then
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.json().get("code").asText()).isEqualTo("8522");
        assertThat(get.json().get("message").asText()).isEqualTo("Call nope not found.");
        assertThat(hangUp.status()).isEqualTo(404);
    }

    @Test
    void refusesToHangUpAnEndedCallWith400() throws Exception {
        // given
        Call call = OriginCalls.connected(core);
        core.telephonyEvents().legEnded(call.participants().get(0).leg(), ResultInformation.REMOTE_HUNG_UP);

        // when
        ApiHarness.Reply reply = api.send(TestRequest.post("/calls/" + call.id() + "/Hangup"));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("8528");
    }
}
