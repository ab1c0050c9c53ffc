package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.FakeOfferedCall;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.GaCalls.VERSION;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class GaIncomingCallRoutesTest {

    private static final PhoneNumberIdentifier CALLER = new PhoneNumberIdentifier("+14255550123");
    private static final PhoneNumberIdentifier OUR_NUMBER = new PhoneNumberIdentifier("+18005550100");
    private static final PhoneNumberIdentifier ELSEWHERE = new PhoneNumberIdentifier("+14255550199");

    private final TestCore core = new TestCore();
    private final FakeOfferedCall ringing = new FakeOfferedCall(ELSEWHERE);
    private ApiHarness api;
    private String context;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases(), core.incomingCalls(), ApiHarness.config(Optional.empty()));
        core.incomingCallEvents().offered(new IncomingCallOffer(CALLER, OUR_NUMBER, Optional.empty(), ringing));
        context = core.notices.last().incomingCallContext();
    }

    private ApiHarness.Reply send(String action, String body) throws Exception {
        return api.send(post("/calling/callConnections:" + action + VERSION, body));
    }

    @Test
    void answersWith200AndTheNewCallConnection() throws Exception {
        // when
        ApiHarness.Reply reply = send("answer", """
                {"incomingCallContext":"%s","callbackUri":"https://app.example.com/callbacks",
                 "operationContext":"support","answeredBy":{"id":"8:acs:bot"}}""".formatted(context));

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("callConnectionState").asText()).isEqualTo("connecting");
        assertThat(json.get("answeredBy").toString()).isEqualTo("{\"id\":\"8:acs:bot\"}");
        assertThat(json.has("source")).isFalse();
        assertThat(json.get("targets").get(0).get("rawId").asText()).isEqualTo("4:+14255550123");
        Call call = core.call(CallConnectionId.of(json.get("callConnectionId").asText()));
        assertThat(call.setup().callback().schema()).isEqualTo(EventSchema.GA);
        assertThat(call.setup().operationContext()).contains("support");
        assertThat(ringing.actions()).containsExactly(
                "answer " + call.id().value() + " " + call.participants().get(0).leg().value());
    }

    @Test
    void replaysARepeatedAnswerInsteadOfFailingIt() throws Exception {
        // given
        String body = """
                {"incomingCallContext":"%s","callbackUri":"https://app.example.com/callbacks"}""".formatted(context);
        String id = "5a6d3e34-7f27-4a8c-9c84-0f1d7b4a2f10";

        // when
        ApiHarness.Reply first = api.send(post("/calling/callConnections:answer" + VERSION, body)
                .header("Repeatability-Request-ID", id).header("Repeatability-First-Sent", "Mon, 23 Nov 2026 23:40:46 GMT"));
        ApiHarness.Reply again = api.send(post("/calling/callConnections:answer" + VERSION, body)
                .header("Repeatability-Request-ID", id).header("Repeatability-First-Sent", "Mon, 23 Nov 2026 23:40:46 GMT"));

        // then
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(ringing.actions()).hasSize(1);
    }

    @Test
    void refusesAnUnknownContextWith404() throws Exception {
        // when
        ApiHarness.Reply reply = send("answer", """
                {"incomingCallContext":"nope","callbackUri":"https://app.example.com/callbacks"}""");

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("8522");
        assertThat(reply.json().at("/error/message").asText()).startsWith("incomingCallContext:");
    }

    @Test
    void refusesAnAnswerWithoutCallbackUriNamingTheField() throws Exception {
        // when
        ApiHarness.Reply reply = send("answer", """
                {"incomingCallContext":"%s"}""".formatted(context));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/error/message").asText()).startsWith("callbackUri: missing");
        assertThat(ringing.actions()).isEmpty();
    }

    @Test
    void rejectsWith204AndTheReasonGiven() throws Exception {
        // when
        ApiHarness.Reply reply = send("reject", """
                {"incomingCallContext":"%s","callRejectReason":"busy"}""".formatted(context));

        // then
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertThat(ringing.actions()).containsExactly("reject BUSY");
    }

    @Test
    void rejectsAsDeclinedWhenNoReasonIsGivenAndRefusesAnUnknownReason() throws Exception {
        // when
        ApiHarness.Reply unknown = send("reject", """
                {"incomingCallContext":"%s","callRejectReason":"later"}""".formatted(context));
        ApiHarness.Reply plain = send("reject", """
                {"incomingCallContext":"%s"}""".formatted(context));

        // then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/message").asText())
                .isEqualTo("callRejectReason: 'later' (expected: none, busy or forbidden)");
        assertThat(plain.status()).isEqualTo(204);
        assertThat(ringing.actions()).containsExactly("reject DECLINED");
    }

    @Test
    void redirectsWith204OrSays400WhenTheTargetCannotBeReached() throws Exception {
        // when
        ApiHarness.Reply unreachable = send("redirect", """
                {"incomingCallContext":"%s","target":{"kind":"phoneNumber","phoneNumber":{"value":"+18005550100"}}}"""
                .formatted(context));
        ApiHarness.Reply redirected = send("redirect", """
                {"incomingCallContext":"%s","target":{"kind":"phoneNumber","phoneNumber":{"value":"+14255550199"}}}"""
                .formatted(context));

        // then
        assertThat(unreachable.status()).isEqualTo(400);
        assertThat(unreachable.json().at("/error/message").asText()).startsWith("target: 4:+18005550100");
        assertThat(redirected.status()).isEqualTo(204);
        assertThat(ringing.actions()).containsExactly("redirect 4:+14255550199");
    }
}
