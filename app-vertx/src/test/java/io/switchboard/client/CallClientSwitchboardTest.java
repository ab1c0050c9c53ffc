package io.switchboard.client;

import io.switchboard.app.SwitchboardServer;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every method against a Switchboard running in this JVM, whose HMAC check referees the signatures: a request it
 * accepts was signed right. The application side (callbacks, prompt audio) is a plain local HTTP server.
 */
class CallClientSwitchboardTest {

    private static final CommunicationUserIdentifier APP = new CommunicationUserIdentifier("8:acs:sandbox_app");
    private static final PhoneNumberIdentifier ANSWERS = new PhoneNumberIdentifier("+15550100001");
    private static final PhoneNumberIdentifier PRESSES_ONE = new PhoneNumberIdentifier("+15550100002");
    private static final PhoneNumberIdentifier NEVER_ANSWERS = new PhoneNumberIdentifier("+15550100408");

    @TempDir
    static Path dataDir;
    private static SwitchboardServer server;
    private static Vertx vertx;
    private static HttpServer app;
    private static CallClient client;

    @BeforeAll
    static void start() throws Exception {
        server = Switchboard.start(dataDir);
        vertx = Vertx.vertx();
        Buffer wav = Buffer.buffer(wav(300));
        app = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                        request.response().end(request.path().endsWith(".wav") ? wav : Buffer.buffer())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client = CallClient.create(vertx, server.connectionString(), CallClientOptions.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.stop(Duration.ofSeconds(2));
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static URI appUri(String path) {
        return URI.create("http://127.0.0.1:" + app.actualPort() + path);
    }

    private static CreateCallOptions options() {
        return CreateCallOptions.of(appUri("/callbacks"))
                .withRequestedCallEvents(RequestedCallEvent.PARTICIPANTS_UPDATED, RequestedCallEvent.DTMF_RECEIVED)
                .withAlternateCallerId(new PhoneNumberIdentifier("+18005550100"))
                .withSubject("client test");
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CallConnectionProperties awaitCall(CallConnectionId call, Predicate<CallConnectionProperties> until)
            throws Exception {
        return Awaitility.await("call " + call).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20))
                .until(() -> await(client.getCall(call)), until);
    }

    private static CallConnectionId connectedCall() throws Exception {
        CallConnectionId call = await(client.createCall(APP, List.of(ANSWERS), options()));
        awaitCall(call, c -> c.state() == CallState.CONNECTED);
        return call;
    }

    private static CallAutomationClientException failure(CompletionStage<?> stage) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> await(stage));
        assertThat(e).as("the request should have failed").isNotNull();
        assertThat(e.getCause()).isInstanceOf(CallAutomationClientException.class);
        return (CallAutomationClientException) e.getCause();
    }

    @Test
    void createsACallReadsItAndHangsItUp() throws Exception {
        // given
        CallConnectionId call = await(client.createCall(APP, List.of(ANSWERS), options()));

        // when
        CallConnectionProperties connected = awaitCall(call, c -> c.state() == CallState.CONNECTED);
        await(client.hangUp(call));

        // then
        assertThat(connected.id()).isEqualTo(call);
        assertThat(connected.participants()).singleElement()
                .satisfies(p -> assertThat(p.identifier()).isEqualTo(ANSWERS));
        assertThat(awaitCall(call, c -> c.state() == CallState.DISCONNECTED).participants()).isEmpty();
    }

    @Test
    void playsAPromptAndCancelsIt() throws Exception {
        // given
        CallConnectionId call = connectedCall();

        // when
        MediaOperation playing = await(client.playAudio(call, appUri("/prompt.wav"),
                PlayAudioOptions.defaults().withLoop(true).withOperationContext("prompt").withResourceId("p-1")));
        MediaOperation canceled = await(client.cancelMediaProcessing(call, Optional.of("stop")));

        // then
        assertThat(playing.status()).isIn(OperationStatus.NOT_STARTED, OperationStatus.RUNNING);
        assertThat(playing.operationContext()).contains("prompt");
        assertThat(canceled.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(canceled.operationContext()).contains("stop");
        await(client.hangUp(call));
    }

    @Test
    void invitesAParticipantAndRemovesIt() throws Exception {
        // given
        CallConnectionId call = connectedCall();

        // when
        await(client.inviteParticipants(call, List.of(PRESSES_ONE), Optional.of("add"),
                Optional.of(new PhoneNumberIdentifier("+18005550100"))));
        CallConnectionProperties both = awaitCall(call, c -> c.participants().size() == 2);
        CallParticipant invited = both.participants().stream()
                .filter(p -> p.identifier().equals(PRESSES_ONE)).findFirst().orElseThrow();
        await(client.removeParticipant(call, invited.id().value()));

        // then
        assertThat(awaitCall(call, c -> c.participants().size() == 1).participants())
                .extracting(CallParticipant::identifier).containsExactly(ANSWERS);
        await(client.hangUp(call));
    }

    @Test
    void removesAParticipantNamedByItsRawIdentifier() throws Exception {
        CallConnectionId call = connectedCall();
        await(client.inviteParticipants(call, List.of(PRESSES_ONE), Optional.empty(), Optional.empty()));
        awaitCall(call, c -> c.participants().size() == 2);

        await(client.removeParticipant(call, PRESSES_ONE.rawId()));

        assertThat(awaitCall(call, c -> c.participants().size() == 1).participants())
                .extracting(CallParticipant::identifier).containsExactly(ANSWERS);
        await(client.hangUp(call));
    }

    @Test
    void sendsTheRingTimeoutSoAnUnansweredCallEndsSoon() throws Exception {
        CallConnectionId call = await(client.createCall(APP, List.of(NEVER_ANSWERS),
                options().withRingTimeout(Duration.ofSeconds(1))));

        assertThat(awaitCall(call, c -> c.state() == CallState.DISCONNECTED).id()).isEqualTo(call);
    }

    @Test
    void reportsAnUnknownCallAs404WithCode8522() {
        CallAutomationClientException e = failure(client.hangUp(CallConnectionId.of("no-such-call")));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("8522");
        assertThat(e.serviceMessage()).isNotBlank();
    }

    @Test
    void reportsARequestTheServerRefusesAs400WithItsCode() throws Exception {
        // a call still ringing cannot play
        CallConnectionId call = await(client.createCall(APP, List.of(NEVER_ANSWERS), options()));

        CallAutomationClientException e = failure(client.playAudio(call, appUri("/prompt.wav"),
                PlayAudioOptions.defaults()));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("8501");
        await(client.hangUp(call));
    }

    @Test
    void isDeniedWhenSigningWithAnotherKey() {
        try (CallClient stranger = CallClient.create(vertx, "endpoint=http://127.0.0.1:" + server.httpPort()
                + "/;accesskey=c29tZS1vdGhlci1rZXktb2YtMzItYnl0ZXMtbG9uZyE=", CallClientOptions.defaults())) {

            CallAutomationClientException e = failure(stranger.getCall(CallConnectionId.of("any")));

            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("Denied");
        }
    }

    @Test
    void signsTheHostAsLocalhostWhenTheEndpointSaysLocalhost() throws Exception {
        try (CallClient local = CallClient.create(vertx, "endpoint=http://localhost:" + server.httpPort()
                + "/;accesskey=" + Switchboard.KEY, CallClientOptions.defaults())) {

            CallAutomationClientException e = failure(local.getCall(CallConnectionId.of("no-such-call")));

            assertThat(e.status()).as("past authentication").isEqualTo(404);
        }
    }

    /** A 16-bit mono PCM WAV of a 440 Hz tone at 8 kHz. */
    static byte[] wav(int millis) {
        int samples = 8 * millis;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
                .putInt(16000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000)));
        }
        return wav.array();
    }
}
