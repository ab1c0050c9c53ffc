package io.switchboard.adapter.rest.acs;

import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.GetCallUseCase;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.connection.Call;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class FailureResponsesTest {

    private final TestCore core = new TestCore();

    @Test
    void answers500WithAGenericMessageWhenAUseCaseFailsUnexpectedly(Vertx vertx) throws Exception {
        // given
        GetCallUseCase failing = id -> CompletableFuture.failedFuture(new IllegalStateException("secret detail"));
        ApiHarness api = ApiHarness.start(vertx, withGetCall(failing));

        // when
        ApiHarness.Reply reply = api.send(get("/calls/any"));

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).isEqualTo(
                "{\"code\":\"InternalServerError\",\"message\":\"The server could not process the request.\"}");
        assertThat(reply.headers().get("X-Microsoft-Skype-Chain-ID")).isNotBlank();
    }

    @Test
    void answers500WhenAUseCaseThrowsInsteadOfFailing(Vertx vertx) throws Exception {
        // given
        GetCallUseCase throwing = id -> {
            throw new NullPointerException("oops");
        };
        ApiHarness api = ApiHarness.start(vertx, withGetCall(throwing));

        // when
        ApiHarness.Reply reply = api.send(get("/calls/any"));

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).doesNotContain("oops").doesNotContain("Exception");
    }

    @Test
    void answers413ForABodyOverTheLimit(Vertx vertx) throws Exception {
        // given
        ApiHarness api = ApiHarness.start(vertx, core.useCases());
        String big = "{\"subject\":\"" + "x".repeat((int) ApiHarness.BODY_LIMIT) + "\"}";

        // when
        ApiHarness.Reply reply = api.send(post("/calls", big));

        // then
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("message").asText())
                .isEqualTo("body: too large (expected: at most " + ApiHarness.BODY_LIMIT + " bytes)");
    }

    @Test
    void answersJsonForUnknownPathsAndMethods(Vertx vertx) throws Exception {
        // given
        ApiHarness api = ApiHarness.start(vertx, core.useCases());

        // when
        ApiHarness.Reply unknownPath = api.send(get("/nowhere"));
        ApiHarness.Reply unknownMethod = api.send(TestRequest.delete("/calls"));

        // then
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().get("code").asText()).isEqualTo("NotFound");
        assertThat(unknownMethod.status()).isEqualTo(405);
        assertThat(unknownMethod.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(unknownMethod.headers().get("Allow")).isEqualTo("POST");
        assertThat(unknownMethod.json().get("message").asText()).isEqualTo("DELETE is not supported on /calls.");
    }

    @Test
    void refusesJsonNestedTooDeeplyAndCutsLongValuesInMessages(Vertx vertx) throws Exception {
        // given
        ApiHarness api = ApiHarness.start(vertx, core.useCases(), new RestConfig(ApiHarness.KEY,
                java.time.Duration.ofMinutes(5), java.util.Optional.empty(), 1024 * 1024,
                java.time.Clock.fixed(ApiHarness.NOW, java.time.ZoneOffset.UTC)));
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        String longNumber = "+1" + "5".repeat(100_000);

        // when
        ApiHarness.Reply nested = api.send(post("/calls", deep));
        ApiHarness.Reply huge = api.send(post("/calls", OriginCalls.CREATE_BODY.replace("+14251001000", longNumber)));

        // then
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().get("message").asText()).startsWith("body: nested deeper than");
        assertThat(huge.status()).isEqualTo(400);
        String message = huge.json().get("message").asText();
        assertThat(message).contains("phoneNumber").contains("(100002 characters)");
        assertThat(message.length()).isLessThan(400);
    }

    @Test
    void refusesARequestWithoutHostWithoutAServerError(Vertx vertx) throws Exception {
        ApiHarness api = ApiHarness.start(vertx, core.useCases());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.getOutputStream().write("GET /calls/x HTTP/1.0\r\n\r\n".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(reply).startsWith("HTTP/1.0 401").contains("\"code\":\"Denied\"");
        }
    }

    @Test
    void answersHeadAsGetWithoutABody(Vertx vertx) throws Exception {
        // given
        ApiHarness api = ApiHarness.start(vertx, core.useCases());
        Call call = core.aConnectedCall(io.switchboard.application.fakes.CallFixtures.aCallTo("+15550100001"));

        // when
        ApiHarness.Reply head = api.send(TestRequest.head("/calls/" + call.id()));
        ApiHarness.Reply missing = api.send(TestRequest.head("/calls/nobody"));

        // then
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    @Test
    void echoesTheClientRequestId(Vertx vertx) throws Exception {
        // given
        ApiHarness api = ApiHarness.start(vertx, core.useCases());

        // when
        ApiHarness.Reply ok = api.send(post("/calls", OriginCalls.CREATE_BODY).header("x-ms-client-request-id", "r-1"));
        ApiHarness.Reply denied = api.send(get("/calls/x").unsigned().header("x-ms-client-request-id", "r-2"));

        // then
        assertThat(ok.headers().get("x-ms-client-request-id")).isEqualTo("r-1");
        assertThat(ok.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(denied.headers().get("x-ms-client-request-id")).isEqualTo("r-2");
    }

    @Test
    void mapsEveryErrorCodeButTheServersOwnUnavailabilityToAClientErrorStatus() {
        assertThat(Arrays.stream(ErrorCode.values()).filter(code -> code != ErrorCode.UNAVAILABLE)
                .map(ErrorStatus::of)).allSatisfy(status -> assertThat(status).isBetween(400, 499));
        assertThat(ErrorStatus.of(ErrorCode.UNAVAILABLE)).isEqualTo(503);
        assertThat(ErrorStatus.of(ErrorCode.CALL_NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorStatus.of(ErrorCode.PARTICIPANT_NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorStatus.of(ErrorCode.NOT_SUPPORTED)).isEqualTo(405);
        assertThat(ErrorStatus.of(ErrorCode.CALL_NOT_ESTABLISHED)).isEqualTo(400);
    }

    private CallUseCases withGetCall(GetCallUseCase getCall) {
        CallUseCases real = core.useCases();
        return new CallUseCases(real.createCall(), real.hangUp(), real.playAudio(), real.cancelMedia(),
                real.inviteParticipants(), real.removeParticipant(), getCall, real.callControl());
    }
}
