package io.switchboard.client;

import io.switchboard.client.StubServer.Reply;
import io.switchboard.domain.call.CallConnectionId;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Retries, timeouts and error bodies, against a scripted local server. */
@ExtendWith(VertxExtension.class)
class CallClientTransportTest {

    private static final CallConnectionId CALL = CallConnectionId.of("call-1");
    private static final String OPERATION = """
            {"id":"op-1","status":"running","operationContext":"ctx",
             "resultInfo":{"code":202,"subcode":0,"message":"Action is accepted."}}""";

    private CallClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private CallClient client(Vertx vertx, StubServer stub, CallClientOptions options) {
        client = CallClient.create(vertx, stub.connectionString(), options);
        return client;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CallAutomationClientException failure(CompletionStage<?> stage) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> await(stage));
        assertThat(e).as("the request should have failed").isNotNull();
        assertThat(e.getCause()).isInstanceOf(CallAutomationClientException.class);
        return (CallAutomationClientException) e.getCause();
    }

    @Test
    void retriesA503AfterTheRetryAfterSecondsAndReturnsTheNextAnswer(Vertx vertx) throws Exception {
        // given
        StubServer stub = StubServer.start(vertx,
                Reply.of(503, Map.of("Retry-After", "1"), "{\"code\":\"Busy\",\"message\":\"try later\"}"),
                Reply.of(202, OPERATION));

        // when
        MediaOperation operation = await(client(vertx, stub, CallClientOptions.defaults())
                .cancelMediaProcessing(CALL, Optional.of("ctx")));

        // then
        assertThat(operation.id().value()).isEqualTo("op-1");
        assertThat(stub.requests()).hasSize(2);
        long waited = stub.requests().get(1).nanos() - stub.requests().get(0).nanos();
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(stub.requests().get(1).headers().get("x-ms-date")).isNotNull();
    }

    @Test
    void retriesA429AfterRetryAfterMsAndSignsTheRetryAgain(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(429, Map.of("retry-after-ms", "50"), ""),
                Reply.of(202, ""));

        await(client(vertx, stub, CallClientOptions.defaults()).hangUp(CALL));

        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.headers().get("authorization"))
                .startsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheServicesError(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx,
                Reply.of(503, Map.of("Retry-After", "0"), "{\"code\":\"Busy\",\"message\":\"try later\"}"));

        CallAutomationClientException e = failure(client(vertx, stub, CallClientOptions.defaults().withMaxAttempts(3))
                .hangUp(CALL));

        assertThat(stub.requests()).hasSize(3);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("Busy");
        assertThat(e.serviceMessage()).isEqualTo("try later");
    }

    @Test
    void doesNotRetryWhenAskedToWaitLongerThanTheMaximumDelay(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(429, Map.of("Retry-After", "120"), ""));

        CallAutomationClientException e = failure(client(vertx, stub, CallClientOptions.defaults()).hangUp(CALL));

        assertThat(stub.requests()).hasSize(1);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo("429");
    }

    @Test
    void doesNotRetryOtherErrorsAndReadsTheGaErrorShape(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx,
                Reply.of(401, "{\"error\":{\"code\":\"Denied\",\"message\":\"Denied by the resource provider.\"}}"));

        CallAutomationClientException e = failure(client(vertx, stub, CallClientOptions.defaults()).hangUp(CALL));

        assertThat(stub.requests()).hasSize(1);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("Denied");
        assertThat(e.serviceMessage()).isEqualTo("Denied by the resource provider.");
    }

    @Test
    void reportsAnErrorWithoutAJsonBodyByItsStatusAndText(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(502, "Bad Gateway"));

        CallAutomationClientException e = failure(client(vertx, stub, CallClientOptions.defaults()).hangUp(CALL));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("502");
        assertThat(e.serviceMessage()).isEqualTo("Bad Gateway");
    }

    @Test
    void failsWithTimeoutWhenNoAnswerArrivesInTime(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.silent());
        CallClientOptions options = CallClientOptions.defaults().withRequestTimeout(Duration.ofMillis(300));

        CallAutomationClientException e = failure(client(vertx, stub, options).hangUp(CALL));

        assertThat(e.status()).isZero();
        assertThat(e.code()).isEqualTo(CallAutomationClientException.TIMEOUT);
    }

    @Test
    void failsWithConnectionFailedWhenNothingListens(Vertx vertx) throws Exception {
        client = CallClient.create(vertx, "endpoint=http://127.0.0.1:1/;accesskey=c2VjcmV0",
                CallClientOptions.defaults());

        CallAutomationClientException e = failure(client.hangUp(CALL));

        assertThat(e.status()).isZero();
        assertThat(e.code()).isEqualTo(CallAutomationClientException.CONNECTION_FAILED);
    }

    @Test
    void reportsASuccessWhoseBodyIsNotTheApisAsAnInvalidResponse(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(200, "<html>proxy login</html>"));

        CallAutomationClientException e = failure(client(vertx, stub, CallClientOptions.defaults()).getCall(CALL));

        assertThat(e.status()).isEqualTo(200);
        assertThat(e.code()).isEqualTo(CallAutomationClientException.INVALID_RESPONSE);
    }

    @Test
    void sendsTheApiVersionWhenConfiguredAndSignsItWithThePath(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(202, ""));

        await(client(vertx, stub, CallClientOptions.defaults().withApiVersion("2021-03-28-preview0"))
                .removeParticipant(CALL, "4:+15550100001"));

        assertThat(stub.requests().get(0).uri())
                .isEqualTo("/calls/call-1/participants/4%3A%2B15550100001?api-version=2021-03-28-preview0");
        assertThat(stub.requests().get(0).method()).isEqualTo("DELETE");
    }
}
