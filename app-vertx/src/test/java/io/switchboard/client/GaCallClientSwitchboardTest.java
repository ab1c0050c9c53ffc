package io.switchboard.client;

import io.switchboard.app.SwitchboardServer;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.SsmlPlaySource;
import io.switchboard.domain.media.TextPlaySource;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.switchboard.client.GaCallConnectionState.CONNECTED;
import static io.switchboard.client.GaCallConnectionState.CONNECTING;
import static io.switchboard.client.GaCallConnectionState.DISCONNECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every GA method against a Switchboard running in this JVM with its sandbox phones: the server's HMAC check and
 * api-version guard referee each request. The application side (callbacks, prompt audio) is a local HTTP server
 * that keeps the events it receives.
 */
class GaCallClientSwitchboardTest {

    private static final PhoneNumberIdentifier ANSWERS = new PhoneNumberIdentifier("+15550100001");
    private static final PhoneNumberIdentifier PRESSES_ONE = new PhoneNumberIdentifier("+15550100002");
    private static final PhoneNumberIdentifier SAYS_YES = new PhoneNumberIdentifier("+15550100004");
    private static final PhoneNumberIdentifier NEVER_ANSWERS = new PhoneNumberIdentifier("+15550100408");
    private static final PhoneNumberIdentifier CALLER_ID = new PhoneNumberIdentifier("+18005550100");
    private static final GaOperationOptions NONE = GaOperationOptions.none();

    @TempDir
    static Path dataDir;
    private static SwitchboardServer server;
    private static Vertx vertx;
    private static HttpServer app;
    private static GaCallClient client;
    private static final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = Switchboard.start(dataDir);
        vertx = Vertx.vertx();
        Buffer wav = Buffer.buffer(CallClientSwitchboardTest.wav(300));
        app = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().endsWith(".wav")) {
                request.response().end(wav);
                return;
            }
            if (body.length() > 0 && body.toString().trim().startsWith("[")) {
                new JsonArray(body).forEach(event -> events.add((JsonObject) event));
            }
            request.response().end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client = GaCallClient.create(vertx, server.connectionString(), CallClientOptions.defaults());
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

    private static GaCreateCallOptions options() {
        return GaCreateCallOptions.of(appUri("/callbacks")).withSourceCallerIdNumber(CALLER_ID)
                .withOperationContext("ga client test");
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Polls until {@code read} gives a value {@code until} accepts: at most 8 s. */
    private static <T> T poll(ThrowingSupplier<CompletionStage<T>> read, Predicate<T> until) throws Exception {
        return Awaitility.await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20))
                .until(() -> await(read.get()), until::test);
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static GaCallConnectionProperties awaitState(CallConnectionId call, GaCallConnectionState state)
            throws Exception {
        return poll(() -> client.getCall(call), c -> c.state() == state);
    }

    private static CallConnectionId connectedCall(PhoneNumberIdentifier target) throws Exception {
        CallConnectionId call = await(client.createCall(List.of(target), options())).id();
        awaitState(call, CONNECTED);
        return call;
    }

    private static JsonObject awaitEvent(CallConnectionId call, String type) throws Exception {
        return poll(() -> CompletableFuture.completedFuture(events.stream()
                .filter(e -> e.getString("type").equals("Microsoft.Communication." + type)
                        && call.value().equals(e.getJsonObject("data").getString("callConnectionId")))
                .findFirst()), Optional::isPresent).orElseThrow();
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
        GaCallConnectionProperties created = await(client.createCall(List.of(ANSWERS), options()));

        // when
        GaCallConnectionProperties connected = awaitState(created.id(), CONNECTED);
        await(client.hangUp(created.id()));

        // then
        assertThat(created.state()).isEqualTo(CONNECTING);
        assertThat(created.callbackUri()).contains(appUri("/callbacks"));
        assertThat(created.sourceCallerIdNumber()).contains(CALLER_ID);
        assertThat(created.serverCallId()).isPresent();
        assertThat(connected.targets()).containsExactly(ANSWERS);
        assertThat(awaitState(created.id(), DISCONNECTED).id()).isEqualTo(created.id());
    }

    @Test
    void terminatesACallForEveryone() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        await(client.terminate(call));

        awaitState(call, DISCONNECTED);
        assertThat(awaitEvent(call, "CallDisconnected").getString("type")).endsWith("CallDisconnected");
    }

    @Test
    void listsAndReadsTheParticipants() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        List<GaCallParticipant> all = await(client.listParticipants(call));
        GaCallParticipant one = await(client.getParticipant(call, ANSWERS));

        assertThat(all).containsExactly(new GaCallParticipant(ANSWERS, false, false));
        assertThat(one).isEqualTo(new GaCallParticipant(ANSWERS, false, false));
        await(client.terminate(call));
    }

    @Test
    void addsMutesAndRemovesAParticipant() throws Exception {
        // given
        CallConnectionId call = connectedCall(ANSWERS);

        // when
        AddParticipantResult added = await(client.addParticipant(call, PRESSES_ONE, Optional.of(CALLER_ID),
                NONE.withOperationContext("add")));
        poll(() -> client.listParticipants(call), p -> p.size() == 2);
        await(client.muteParticipant(call, PRESSES_ONE, Optional.of("mute")));
        GaCallParticipant muted = await(client.getParticipant(call, PRESSES_ONE));
        await(client.removeParticipant(call, PRESSES_ONE, NONE.withOperationContext("remove")));

        // then
        assertThat(added.invitationId()).isNotBlank();
        assertThat(added.operationContext()).contains("add");
        assertThat(muted.muted()).isTrue();
        assertThat(poll(() -> client.listParticipants(call), p -> p.size() == 1))
                .extracting(GaCallParticipant::identifier).containsExactly(ANSWERS);
        await(client.terminate(call));
    }

    @Test
    void cancelsAPendingInvitation() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);
        AddParticipantResult added = await(client.addParticipant(call, NEVER_ANSWERS, Optional.of(CALLER_ID),
                NONE));

        await(client.cancelAddParticipant(call, added.invitationId(), NONE.withOperationContext("cancel")));

        JsonObject canceled = awaitEvent(call, "CancelAddParticipantSucceeded");
        assertThat(canceled.getJsonObject("data").getString("invitationId")).isEqualTo(added.invitationId());
        assertThat(await(client.listParticipants(call))).extracting(GaCallParticipant::identifier)
                .containsExactly(ANSWERS);
        await(client.terminate(call));
    }

    @Test
    void playsToEveryoneAndToOneAndCancelsAllMedia() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        await(client.play(call, appUri("/prompt.wav"), GaPlayOptions.toEveryone().withLoop(true)
                .withOperationContext("looping")));
        await(client.cancelAllMediaOperations(call));
        await(client.play(call, appUri("/prompt.wav"), GaPlayOptions.toEveryone().withPlayTo(List.of(ANSWERS))
                .withOperationContext("once")));

        JsonObject completed = awaitEvent(call, "PlayCompleted");
        assertThat(completed.getJsonObject("data").getString("operationContext")).isEqualTo("once");
        await(client.terminate(call));
    }

    @Test
    void speaksTextAndSsmlWithTheEmbeddedEngine() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        await(client.play(call, new TextPlaySource("Power is out in your area.", Optional.of("en-US"),
                Optional.of("female"), Optional.of("en-US-NancyNeural"), Optional.empty()),
                GaPlayOptions.toEveryone().withOperationContext("text")));
        JsonObject spoken = awaitEvent(call, "PlayCompleted");
        await(client.play(call, new SsmlPlaySource("<speak version=\"1.0\" xml:lang=\"en-US\">Press "
                + "<say-as interpret-as=\"digits\">1</say-as><break time=\"300ms\"/>to confirm.</speak>",
                Optional.empty()), GaPlayOptions.toEveryone().withOperationContext("ssml")));

        assertThat(spoken.getJsonObject("data").getString("operationContext")).isEqualTo("text");
        Awaitility.await("the SSML's PlayCompleted").atMost(Duration.ofSeconds(8)).until(() -> events.stream()
                .anyMatch(e -> e.getString("type").endsWith("PlayCompleted")
                        && "ssml".equals(e.getJsonObject("data").getString("operationContext"))));
        CallAutomationClientException german = failure(client.play(call, new TextPlaySource("Guten Tag",
                Optional.of("de-DE"), Optional.empty(), Optional.empty(), Optional.empty()),
                GaPlayOptions.toEveryone()));
        assertThat(german.status()).isEqualTo(400);
        assertThat(german.getMessage()).contains("sourceLocale: de-DE");
        await(client.terminate(call));
    }

    @Test
    void recognizesDtmfAfterAPrompt() throws Exception {
        CallConnectionId call = connectedCall(PRESSES_ONE);

        await(client.recognizeDtmf(call, PRESSES_ONE, GaRecognizeOptions.dtmf(1).withStopTones(Tone.POUND)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)).withPrompt(appUri("/menu.wav"), true)
                .withOperation(NONE.withOperationContext("menu"))));

        JsonObject recognized = awaitEvent(call, "RecognizeCompleted");
        assertThat(recognized.getJsonObject("data").getJsonObject("dtmfResult").getJsonArray("tones"))
                .containsExactly("one");
        await(client.terminate(call));
    }

    @Test
    void recognizesAChoiceSaidByTheCallee() throws Exception {
        CallConnectionId call = connectedCall(SAYS_YES);

        await(client.recognizeSpeech(call, SAYS_YES, GaSpeechRecognizeOptions.choices(List.of(
                        new Choice("Confirm", List.of("yes", "confirm"), Optional.of(Tone.ONE)),
                        new Choice("Cancel", List.of("no"), Optional.empty())))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(800)).withLanguage("en-US")
                .withOperation(NONE.withOperationContext("said"))));

        JsonObject recognized = awaitEvent(call, "RecognizeCompleted").getJsonObject("data");
        assertThat(recognized.getString("recognitionType")).isEqualTo("choices");
        assertThat(recognized.getJsonObject("choiceResult").getString("label")).isEqualTo("Confirm");
        assertThat(recognized.getString("operationContext")).isEqualTo("said");
        assertThatThrownBy(() -> GaSpeechRecognizeOptions.speech().withTimeouts(Duration.ofSeconds(5),
                Duration.ofMillis(10))).hasMessageStartingWith("endSilence: PT0.01S");
        await(client.terminate(call));
    }

    @Test
    void startsAndStopsContinuousDtmfAndSendsTones() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        await(client.startContinuousDtmfRecognition(call, ANSWERS, NONE));
        await(client.sendDtmfTones(call, ANSWERS, List.of(Tone.ONE, Tone.POUND), NONE.withOperationContext("tones")));
        await(client.stopContinuousDtmfRecognition(call, ANSWERS, NONE));

        assertThat(awaitEvent(call, "SendDtmfTonesCompleted").getJsonObject("data").getString("operationContext"))
                .isEqualTo("tones");
        await(client.terminate(call));
    }

    @Test
    void holdsAndUnholdsAParticipant() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        await(client.hold(call, ANSWERS, NONE));
        GaCallParticipant held = await(client.getParticipant(call, ANSWERS));
        await(client.unhold(call, ANSWERS, NONE));

        assertThat(held.onHold()).isTrue();
        assertThat(await(client.getParticipant(call, ANSWERS)).onHold()).isFalse();
        await(client.terminate(call));
    }

    @Test
    void transfersTheCallToAnotherNumber() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        await(client.transferToParticipant(call, PRESSES_ONE, NONE.withOperationContext("transfer")));

        assertThat(awaitEvent(call, "CallTransferAccepted").getJsonObject("data").getString("operationContext"))
                .isEqualTo("transfer");
    }

    @Test
    void aRepeatedRequestIdIsAnsweredFromTheFirstExecutionNotExecutedAgain() throws Exception {
        // given: a client whose every logical call carries the same id, as a retry of one call would
        UUID id = UUID.randomUUID();
        try (GaCallClient repeating = VertxGaCallClient.create(vertx, ConnectionString.parse(
                server.connectionString()), CallClientOptions.defaults(), () -> id)) {

            // when
            GaCallConnectionProperties first = await(repeating.createCall(List.of(ANSWERS), options()));
            GaCallConnectionProperties repeated = await(repeating.createCall(List.of(ANSWERS), options()));

            // then
            assertThat(repeated.id()).isEqualTo(first.id());
            awaitState(first.id(), CONNECTED);
            await(client.terminate(first.id()));
        }
    }

    @Test
    void reportsAnUnknownCallAs404WithCode8522() {
        CallConnectionId unknown = CallConnectionId.of("no-such-call");

        for (CompletionStage<?> request : List.of(client.getCall(unknown), client.terminate(unknown),
                client.play(unknown, appUri("/prompt.wav"), GaPlayOptions.toEveryone()),
                client.listParticipants(unknown))) {
            CallAutomationClientException e = failure(request);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("8522");
            assertThat(e.serviceMessage()).isNotBlank();
        }
    }

    @Test
    void reportsAnIncomingCallContextNothingRingsUnderAs404() throws Exception {
        for (CompletionStage<?> request : List.of(client.answerCall("no-such-call", appUri("/callbacks"),
                        Optional.empty()), client.rejectCall("no-such-call", GaCallRejectReason.BUSY),
                client.redirectCall("no-such-call", ANSWERS))) {
            CallAutomationClientException e = failure(request);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("8522");
            assertThat(e.serviceMessage()).startsWith("incomingCallContext: ");
        }
    }

    @Test
    void reportsAParticipantNotInTheCallAs404() throws Exception {
        CallConnectionId call = connectedCall(ANSWERS);

        CallAutomationClientException e = failure(client.getParticipant(call, NEVER_ANSWERS));

        assertThat(e.status()).isEqualTo(404);
        await(client.terminate(call));
    }
}
