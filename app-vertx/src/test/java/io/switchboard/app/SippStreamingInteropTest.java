package io.switchboard.app;

import io.switchboard.adapter.sip.Goertzel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Media streaming over SIP with SIPp as the callee and a WebSocket server on 127.0.0.1 as the voice agent: the agent
 * sends a 440 Hz tone back into the call, SIPp echoes the RTP it hears ({@code -rtp_echo}), and the agent must get
 * the tone back as the callee's 16 kHz audio (Goertzel); the keys the callee presses arrive as {@code DtmfData}.
 * Runs only with {@code -Dinterop=true} ({@code interop/sipp/run.sh}).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippStreamingInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String KEY = "c2lwcC1zdHJlYW1pbmctaW50ZXJvcC10ZXN0LWtleT0=";
    private static final String CALLEE = "+14255550123";
    private static final String VERSION = SignedClient.GA_VERSION;

    @TempDir
    static Path dataDir;
    private static CallbackReceiver app;
    private static Vertx vertx;
    private static HttpServer agent;
    private static final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private static volatile CompletableFuture<ServerWebSocket> connected = new CompletableFuture<>();
    private SippTrunk trunk;

    @BeforeAll
    static void start() throws Exception {
        app = new CallbackReceiver();
        vertx = Vertx.vertx();
        agent = vertx.createHttpServer().webSocketHandler(socket -> {
            socket.textMessageHandler(text -> received.add(new JsonObject(text)));
            connected.complete(socket);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopAll() throws Exception {
        app.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (trunk != null) {
            trunk.close();
        }
        received.clear();
        connected = new CompletableFuture<>();
    }

    private String streamingCall() throws Exception {
        SignedClient.Response created = trunk.api.send("POST", "/calling/callConnections" + VERSION, """
                {"targets":[{"kind":"phoneNumber","phoneNumber":{"value":"%s"}}],
                 "sourceCallerIdNumber":{"value":"+18005550100"},"callbackUri":"%s",
                 "mediaStreamingOptions":{"transportType":"websocket","transportUrl":"ws://127.0.0.1:%d/agent",
                   "contentType":"audio","audioChannelType":"unmixed","startMediaStreaming":true,
                   "enableBidirectional":true,"audioFormat":"pcm16KMono","enableDtmfTones":true}}
                """.formatted(CALLEE, app.callbackUri(), agent.actualPort()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String call = new JsonObject(created.body()).getString("callConnectionId");
        app.awaitEvent(call, "MediaStreamingStarted", WAIT);
        return call;
    }

    @Test
    void theAgentsVoiceIsPlayedToTheCalleeAndComesBackAsTheCalleesAudio() throws Exception {
        // given: SIPp answers and echoes the RTP it gets
        trunk = SippTrunk.start(SippTrunk.SCENARIOS, "uas_answer.xml", 1, dataDir, KEY, "43400-43499",
                List.of("-rtp_echo"));
        String call = streamingCall();
        ServerWebSocket socket = connected.get(10, TimeUnit.SECONDS);

        // when: the agent says one second of 440 Hz (16 kHz PCM), in 100 ms messages
        short[] tone = new short[16_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        for (int at = 0; at < tone.length; at += 1600) {
            socket.writeTextMessage(new JsonObject().put("kind", "AudioData").put("audioData", new JsonObject()
                    .put("data", base64(java.util.Arrays.copyOfRange(tone, at, at + 1600)))).encode());
        }

        // then: the callee's audio, as streamed back, carries the tone
        await("440 Hz back from the callee").atMost(WAIT).until(() -> loudest440() > 100);
        assertThat(received.get(0).getString("kind")).isEqualTo("AudioMetadata");
        trunk.api.send("DELETE", "/calling/callConnections/" + call + VERSION, null);
        app.awaitEvent(call, "CallDisconnected", WAIT);
        assertThat(app.eventsOf(call).stream().map(CallbackReceiver::name))
                .contains("MediaStreamingStarted", "MediaStreamingStopped");
    }

    @Test
    void theCalleesKeysArriveAsDtmfData() throws Exception {
        // given: SIPp presses 1 5 # three seconds after answering
        trunk = SippTrunk.start("uas_answer_dtmf_delayed.xml", 1, dataDir, KEY, "43500-43599");
        String call = streamingCall();

        // then
        await("the keys").atMost(WAIT).until(() -> keys().size() >= 3);
        assertThat(keys()).containsExactly("1", "5", "#");
        assertThat(received.stream().filter(m -> m.getString("kind").equals("DtmfData")).findFirst().orElseThrow()
                .getJsonObject("dtmfData").getString("participantRawID")).isEqualTo("4:" + CALLEE);
        trunk.api.send("DELETE", "/calling/callConnections/" + call + VERSION, null);
        app.awaitEvent(call, "CallDisconnected", WAIT);
    }

    private static List<String> keys() {
        return received.stream().filter(m -> m.getString("kind").equals("DtmfData"))
                .map(m -> m.getJsonObject("dtmfData").getString("data")).toList();
    }

    /** The 440 Hz power (dB) of the loudest half second of the callee's audio streamed so far. */
    private static double loudest440() {
        List<short[]> frames = received.stream().filter(m -> m.getString("kind").equals("AudioData"))
                .map(m -> m.getJsonObject("audioData"))
                .filter(d -> ("4:" + CALLEE).equals(d.getString("participantRawID")))
                .map(d -> pcm(d.getString("data"))).toList();
        double loudest = 0;
        for (int start = 0; start + 25 <= frames.size(); start += 5) {
            short[] window = new short[25 * 320];
            for (int i = 0; i < 25; i++) {
                System.arraycopy(frames.get(start + i), 0, window, i * 320, 320);
            }
            // Goertzel works on 8 kHz samples: every other sample of the 16 kHz stream
            short[] decimated = new short[window.length / 2];
            for (int i = 0; i < decimated.length; i++) {
                decimated[i] = window[2 * i];
            }
            loudest = Math.max(loudest, Goertzel.powerDb(decimated, 440));
        }
        return loudest;
    }

    private static short[] pcm(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static String base64(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
