package io.switchboard.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Media streaming and live transcription through the running server: a sandbox phone that talks, a WebSocket server
 * on 127.0.0.1 standing for the voice agent, the GA wire with real webhooks. The agent hears the phone as its
 * participant (or reads its words, recognized by the embedded engine), the stream is stopped on request, and a
 * WebSocket that is refused or dropped is reported while the call goes on.
 */
class SandboxStreamingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "c3dpdGNoYm9hcmQtc3RyZWFtaW5nLXRlc3Qta2V5LTE=";
    private static final String VERSION = SignedClient.GA_VERSION;
    private static final String TALKER = "+15550100005";

    @TempDir
    static Path dataDir;
    private static SandboxServer sandbox;
    private static Vertx vertx;
    private static HttpServer agent;
    private static final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private static final Map<ServerWebSocket, List<JsonObject>> messages = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(dataDir, KEY, Map.of());
        vertx = Vertx.vertx();
        agent = vertx.createHttpServer().webSocketHandler(socket -> {
            List<JsonObject> received = new CopyOnWriteArrayList<>();
            messages.put(socket, received);
            socket.textMessageHandler(text -> received.add(new JsonObject(text)));
            sockets.add(socket);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String streamingCall(String url, boolean startNow) throws Exception {
        SignedClient.Response created = sandbox.api.send("POST", "/calling/callConnections" + VERSION, """
                {"targets":[{"kind":"phoneNumber","phoneNumber":{"value":"%s"}}],
                 "sourceCallerIdNumber":{"value":"+18005550100"},"callbackUri":"%s",
                 "mediaStreamingOptions":{"transportType":"websocket","transportUrl":"%s","contentType":"audio",
                   "audioChannelType":"unmixed","startMediaStreaming":%s,"enableBidirectional":true,
                   "audioFormat":"pcm16KMono","enableDtmfTones":true}}
                """.formatted(TALKER, sandbox.app.callbackUri(), url, startNow));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String call = new JsonObject(created.body()).getString("callConnectionId");
        sandbox.app.awaitEvent(call, "CallConnected", WAIT);
        return call;
    }

    private static String agentUrl() {
        return "ws://127.0.0.1:" + agent.actualPort() + "/agent";
    }

    private static JsonObject data(String call, String name) {
        return sandbox.app.eventsOf(call).stream().filter(e -> CallbackReceiver.name(e).equals(name))
                .reduce((a, b) -> b).orElseThrow().getJsonObject("data");
    }

    @Test
    void theAgentHearsThePhoneAsItsParticipantUntilTheStreamIsStopped() throws Exception {
        // given: a call that streams from the start
        int before = sockets.size();
        String call = streamingCall(agentUrl(), true);

        // then: started, reported, and the phone's words arrive as its 16 kHz audio
        sandbox.app.awaitEvent(call, "MediaStreamingStarted", WAIT);
        JsonObject update = data(call, "MediaStreamingStarted").getJsonObject("mediaStreamingUpdate");
        assertThat(update.getString("mediaStreamingStatus")).isEqualTo("mediaStreamingStarted");
        assertThat(update.getString("mediaStreamingStatusDetails")).isEqualTo("subscriptionStarted");
        await().atMost(WAIT).until(() -> sockets.size() > before);
        List<JsonObject> received = messages.get(sockets.get(before));
        await("the phone's speech").atMost(WAIT).until(() -> received.stream().anyMatch(m ->
                m.getString("kind").equals("AudioData") && !m.getJsonObject("audioData").getBoolean("silent")));
        assertThat(received.get(0).getString("kind")).isEqualTo("AudioMetadata");
        JsonObject spoken = received.stream().filter(m -> m.getString("kind").equals("AudioData")
                && !m.getJsonObject("audioData").getBoolean("silent")).findFirst().orElseThrow()
                .getJsonObject("audioData");
        assertThat(spoken.getString("participantRawID")).isEqualTo("4:" + TALKER);
        assertThat(Base64.getDecoder().decode(spoken.getString("data"))).hasSize(640);
        SignedClient.Response properties = sandbox.api.send("GET", "/calling/callConnections/" + call + VERSION, null);
        assertThat(new JsonObject(properties.body()).getJsonObject("mediaStreamingSubscription")
                .getString("state")).isEqualTo("active");

        // when: the application stops the stream
        SignedClient.Response stopped = sandbox.api.send("POST", "/calling/callConnections/" + call
                + ":stopMediaStreaming" + VERSION, "{\"operationContext\":\"enough\"}");

        // then
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        sandbox.app.awaitEvent(call, "MediaStreamingStopped", WAIT);
        assertThat(data(call, "MediaStreamingStopped").getString("operationContext")).isEqualTo("enough");
        await("the socket closed").atMost(WAIT).until(() -> sockets.get(before).isClosed());
        sandbox.api.send("DELETE", "/calling/callConnections/" + call + VERSION, null);
    }

    @Test
    void aWebSocketThatCannotBeOpenedOrIsDroppedIsReportedAndTheCallGoesOn() throws Exception {
        // given: nobody listens at the URL
        String refused = streamingCall("ws://127.0.0.1:1/nobody", true);
        sandbox.app.awaitEvent(refused, "MediaStreamingFailed", WAIT);
        JsonObject failed = data(refused, "MediaStreamingFailed");
        assertThat(failed.getJsonObject("resultInformation").getInteger("code")).isEqualTo(500);
        assertThat(failed.getJsonObject("resultInformation").getString("message")).contains("127.0.0.1:1");
        assertThat(failed.getJsonObject("mediaStreamingUpdate").getString("mediaStreamingStatusDetails"))
                .isEqualTo("initialWebSocketConnectionFailed");

        // when: a stream started on request, whose agent then drops the socket
        int before = sockets.size();
        String call = streamingCall(agentUrl(), false);
        assertThat(sandbox.api.send("POST", "/calling/callConnections/" + call + ":startMediaStreaming" + VERSION,
                "{}").status()).isEqualTo(202);
        sandbox.app.awaitEvent(call, "MediaStreamingStarted", WAIT);
        await().atMost(WAIT).until(() -> sockets.size() > before);
        sockets.get(before).close((short) 1011, "agent crashed");

        // then
        sandbox.app.awaitEvent(call, "MediaStreamingFailed", WAIT);
        assertThat(data(call, "MediaStreamingFailed").getJsonObject("mediaStreamingUpdate")
                .getString("mediaStreamingStatusDetails")).isEqualTo("streamConnectionInterrupted");
        SignedClient.Response properties = sandbox.api.send("GET", "/calling/callConnections/" + call + VERSION, null);
        assertThat(new JsonObject(properties.body()).getString("callConnectionState")).isEqualTo("connected");
        assertThat(new JsonObject(properties.body()).getJsonObject("mediaStreamingSubscription").getString("state"))
                .isEqualTo("inactive");
        sandbox.api.send("DELETE", "/calling/callConnections/" + call + VERSION, null);
        sandbox.api.send("DELETE", "/calling/callConnections/" + refused + VERSION, null);
    }

    @Test
    void theAgentReadsWhatThePhoneSaysAsTheLiveTranscriptionSampleSetsItUp() throws Exception {
        // given: transcription started with the call, as the sample answers its calls
        int before = sockets.size();
        SignedClient.Response created = sandbox.api.send("POST", "/calling/callConnections" + VERSION, """
                {"targets":[{"kind":"phoneNumber","phoneNumber":{"value":"%s"}}],
                 "sourceCallerIdNumber":{"value":"+18005550100"},"callbackUri":"%s",
                 "transcriptionOptions":{"transportUrl":"%s","transportType":"websocket","locale":"en-US",
                   "startTranscription":true}}
                """.formatted(TALKER, sandbox.app.callbackUri(), agentUrl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String call = new JsonObject(created.body()).getString("callConnectionId");

        // then: started, and the phone's words arrive as its final result (the embedded model loads on first use)
        sandbox.app.awaitEvent(call, "TranscriptionStarted", WAIT);
        assertThat(data(call, "TranscriptionStarted").getJsonObject("transcriptionUpdate")
                .getString("transcriptionStatus")).isEqualTo("transcriptionStarted");
        await().atMost(WAIT).until(() -> sockets.size() > before);
        List<JsonObject> received = messages.get(sockets.get(before));
        await("the phone's words").atMost(Duration.ofSeconds(90)).until(() -> received.stream()
                .anyMatch(m -> m.getString("kind").equals("TranscriptionData")));
        assertThat(received.get(0).getString("kind")).isEqualTo("TranscriptionMetadata");
        assertThat(received.get(0).getJsonObject("transcriptionMetadata").getString("locale")).isEqualTo("en-US");
        JsonObject words = received.stream().filter(m -> m.getString("kind").equals("TranscriptionData"))
                .findFirst().orElseThrow().getJsonObject("transcriptionData");
        assertThat(words.getString("participantRawID")).isEqualTo("4:" + TALKER);
        assertThat(words.getString("resultStatus")).isEqualTo("Final");
        // the embedded free-speech model is weak: "pay by bill" is what it makes of the sandbox's voice
        assertThat(words.getString("text")).startsWith("i would like to pay");
        assertThat(words.getLong("duration")).isGreaterThan(5_000_000L);

        // when: stopped as the sample stops it, once its subscription is active
        SignedClient.Response properties = sandbox.api.send("GET", "/calling/callConnections/" + call + VERSION, null);
        assertThat(new JsonObject(properties.body()).getJsonObject("transcriptionSubscription").getString("state"))
                .isEqualTo("active");
        assertThat(sandbox.api.send("POST", "/calling/callConnections/" + call + ":stopTranscription" + VERSION,
                "{\"operationContext\":\"nextRecognizeContext\"}").status()).isEqualTo(202);
        sandbox.app.awaitEvent(call, "TranscriptionStopped", WAIT);
        assertThat(data(call, "TranscriptionStopped").getString("operationContext")).isEqualTo("nextRecognizeContext");
        sandbox.api.send("DELETE", "/calling/callConnections/" + call + VERSION, null);
    }
}
