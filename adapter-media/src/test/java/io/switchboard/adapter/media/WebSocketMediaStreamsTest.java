package io.switchboard.adapter.media;

import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;
import io.switchboard.domain.streaming.TranscriptionSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Media streams against a real WebSocket server on 127.0.0.1 standing for the application: the messages ACS sends,
 * audio at the stream's rate, what comes back, and connections refused or lost.
 */
class WebSocketMediaStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final CallConnectionId CALL = CallConnectionId.of("call-1");
    private static final MediaOperationId STREAM = MediaOperationId.of("stream-1");
    private static final PhoneNumberIdentifier CALLER = new PhoneNumberIdentifier("+14255550101");

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ServerWebSocket> application = new CompletableFuture<>();
    private final RecordingInbound inbound = new RecordingInbound();
    private HttpServer server;
    private WebSocketMediaStreams streams;

    @BeforeEach
    void start() throws Exception {
        server = vertx.createHttpServer().webSocketHandler(socket -> {
            socket.textMessageHandler(text -> received.add(new JsonObject(text)));
            application.complete(socket);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        streams = WebSocketMediaStreams.create(vertx, OutboundPolicy.LOOPBACK);
    }

    @AfterEach
    void stop() throws Exception {
        streams.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private StreamingSpec spec(Channels channels, int rate, boolean bidirectional) {
        return new StreamingSpec(URI.create("ws://127.0.0.1:" + server.actualPort() + "/media?call=1"), channels,
                rate, true, bidirectional, true);
    }

    private MediaStreams.Connection open(io.switchboard.domain.streaming.StreamSpec spec) throws Exception {
        return streams.open(new MediaStreams.Request(CALL, STREAM, spec), inbound).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheMetadataFirstThenEachParticipantsAudioAtTheStreamsRateAndKeys() throws Exception {
        // given
        MediaStreams.Connection connection = open(spec(Channels.UNMIXED, 16_000, false));

        // when: 25 frames of a 1 kHz tone from the caller, then a key
        short[] tone = tone(1000, 8000, 25 * 160, 8000);
        for (int i = 0; i < 25; i++) {
            short[] frame = new short[160];
            System.arraycopy(tone, i * 160, frame, 0, 160);
            connection.audio(Optional.of(CALLER), frame);
        }
        connection.tone(CALLER, Tone.FIVE);

        // then
        await().atMost(WAIT).until(() -> received.size() >= 27);
        JsonObject metadata = received.get(0);
        assertThat(metadata.getString("kind")).isEqualTo("AudioMetadata");
        assertThat(metadata.getJsonObject("audioMetadata").getInteger("sampleRate")).isEqualTo(16_000);
        assertThat(metadata.getJsonObject("audioMetadata").getString("subscriptionId")).isEqualTo("stream-1");
        assertThat(metadata.getJsonObject("audioMetadata").getString("encoding")).isEqualTo("PCM");
        List<short[]> frames = new ArrayList<>();
        for (JsonObject message : received.subList(1, 26)) {
            assertThat(message.getString("kind")).isEqualTo("AudioData");
            JsonObject data = message.getJsonObject("audioData");
            assertThat(data.getString("participantRawID")).isEqualTo("4:+14255550101");
            assertThat(data.getBoolean("silent")).isFalse();
            assertThat(data.getString("timestamp")).endsWith("Z");
            frames.add(pcm(data.getString("data")));
        }
        assertThat(frames).allSatisfy(frame -> assertThat(frame).hasSize(320));
        short[] heard = join(frames);
        assertThat(power(heard, 1000, 16_000)).as("the tone at 16 kHz").isGreaterThan(power(heard, 5000, 16_000) * 1e4);
        JsonObject key = received.get(26);
        assertThat(key.getString("kind")).isEqualTo("DtmfData");
        assertThat(key.getJsonObject("dtmfData").getString("data")).isEqualTo("5");
    }

    @Test
    void aTranscriptionSendsItsMetadataThenEachFinalResultWithItsWordsInTicks() throws Exception {
        // given
        MediaStreams.Connection connection = open(new TranscriptionSpec(URI.create("ws://127.0.0.1:"
                + server.actualPort() + "/text"), "en-US", true));

        // when
        connection.transcript(CALLER, new RecognizedSpeech("pay my bill", java.util.OptionalDouble.of(0.75)),
                Duration.ofMillis(1000), Duration.ofMillis(900));
        connection.transcript(CALLER, new RecognizedSpeech("yes", java.util.OptionalDouble.empty()),
                Duration.ofMillis(3000), Duration.ofMillis(300));

        // then
        await().atMost(WAIT).until(() -> received.size() >= 3);
        JsonObject metadata = received.get(0);
        assertThat(metadata.getString("kind")).isEqualTo("TranscriptionMetadata");
        assertThat(metadata.getJsonObject("transcriptionMetadata").getString("locale")).isEqualTo("en-US");
        assertThat(metadata.getJsonObject("transcriptionMetadata").getString("callConnectionId")).isEqualTo("call-1");
        JsonObject data = received.get(1).getJsonObject("transcriptionData");
        assertThat(received.get(1).getString("kind")).isEqualTo("TranscriptionData");
        assertThat(data.getString("text")).isEqualTo("pay my bill");
        assertThat(data.getString("format")).isEqualTo("display");
        assertThat(data.getDouble("confidence")).isEqualTo(0.75);
        assertThat(data.getLong("offset")).isEqualTo(10_000_000L);
        assertThat(data.getLong("duration")).isEqualTo(9_000_000L);
        assertThat(data.getString("participantRawID")).isEqualTo("4:+14255550101");
        assertThat(data.getString("resultStatus")).isEqualTo("Final");
        assertThat(data.getJsonArray("words")).hasSize(3);
        assertThat(data.getJsonArray("words").getJsonObject(1).getString("text")).isEqualTo("my");
        assertThat(data.getJsonArray("words").getJsonObject(1).getLong("offset")).isEqualTo(13_000_000L);
        assertThat(received.get(2).getJsonObject("transcriptionData").containsKey("confidence")).isFalse();
    }

    @Test
    void aMixedStreamNamesNoParticipantAndSilenceIsMarkedSilent() throws Exception {
        MediaStreams.Connection connection = open(spec(Channels.MIXED, 24_000, false));

        connection.audio(Optional.empty(), new short[160]);

        await().atMost(WAIT).until(() -> received.size() >= 2);
        JsonObject data = received.get(1).getJsonObject("audioData");
        assertThat(data.containsKey("participantRawID")).isFalse();
        assertThat(data.getBoolean("silent")).isTrue();
        assertThat(pcm(data.getString("data"))).hasSize(480);
    }

    @Test
    void handsBackWhatTheApplicationSendsAtTelephoneRateAndItsStopAudio() throws Exception {
        // given
        open(spec(Channels.UNMIXED, 24_000, true));
        ServerWebSocket socket = application.get(5, TimeUnit.SECONDS);

        // when: half a second of 440 Hz at 24 kHz, as the SDK's createOutboundAudioData sends it, then StopAudio
        short[] tone = tone(440, 24_000, 12_000, 8000);
        socket.writeTextMessage(new JsonObject().put("kind", "audioData").put("audioData", new JsonObject()
                .put("data", base64(tone)).put("isSilent", false)).put("stopAudio", new JsonObject()).encode());
        socket.writeTextMessage("{\"kind\":\"stopAudio\",\"stopAudio\":{}}");

        // then
        await().atMost(WAIT).until(() -> inbound.stops == 1);
        short[] back = inbound.samples();
        assertThat(back.length).isBetween(3990, 4010);
        assertThat(power(back, 440, 8000)).isGreaterThan(power(back, 2000, 8000) * 1e4);
    }

    @Test
    void ignoresAudioOnAStreamThatIsNotBidirectionalAndMessagesItCannotRead() throws Exception {
        open(spec(Channels.UNMIXED, 16_000, false));
        ServerWebSocket socket = application.get(5, TimeUnit.SECONDS);

        socket.writeTextMessage("{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"AAAA\"}}");
        socket.writeTextMessage("not json");
        socket.writeTextMessage("{\"kind\":\"StopAudio\"}");

        await().atMost(WAIT).until(() -> inbound.stops == 1);
        assertThat(inbound.samples()).isEmpty();
        assertThat(inbound.lost).isEmpty();
    }

    @Test
    void reportsAConnectionTheApplicationClosesAsLostButNotOneClosedHere() throws Exception {
        MediaStreams.Connection connection = open(spec(Channels.UNMIXED, 16_000, false));
        application.get(5, TimeUnit.SECONDS).close((short) 1011, "bye");

        await().atMost(WAIT).until(() -> !inbound.lost.isEmpty());
        assertThat(inbound.lost).singleElement().asString().contains("closed by the application").contains("1011");

        RecordingInbound second = new RecordingInbound();
        MediaStreams.Connection other = streams.open(new MediaStreams.Request(CALL, STREAM, spec(Channels.MIXED,
                16_000, false)), second).toCompletableFuture().get(5, TimeUnit.SECONDS);
        other.close();
        connection.close();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> second.lost.isEmpty());
    }

    @Test
    void failsToOpenWhatNobodyListensOnOrThePolicyForbids() {
        StreamingSpec nobody = new StreamingSpec(URI.create("ws://127.0.0.1:1/media"), Channels.MIXED, 16_000, true,
                false, false);
        assertThatThrownBy(() -> open(nobody)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("ws://127.0.0.1:1/media");

        StreamingSpec elsewhere = new StreamingSpec(URI.create("wss://10.1.2.3/media"), Channels.MIXED, 16_000,
                true, false, false);
        assertThatThrownBy(() -> open(elsewhere)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("10.1.2.3");
    }

    static short[] tone(double hz, int rate, int length, double amplitude) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return samples;
    }

    /** The power of one frequency (Goertzel), relative. */
    static double power(short[] samples, double hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double previous = 0;
        double before = 0;
        for (short sample : samples) {
            double next = sample + coefficient * previous - before;
            before = previous;
            previous = next;
        }
        return previous * previous + before * before - coefficient * previous * before;
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

    private static short[] join(List<short[]> frames) {
        short[] all = new short[frames.stream().mapToInt(f -> f.length).sum()];
        int at = 0;
        for (short[] frame : frames) {
            System.arraycopy(frame, 0, all, at, frame.length);
            at += frame.length;
        }
        return all;
    }

    private static final class RecordingInbound implements MediaStreams.Inbound {
        private final List<short[]> audio = new CopyOnWriteArrayList<>();
        private final List<String> lost = new CopyOnWriteArrayList<>();
        private volatile int stops;

        @Override
        public void audio(short[] samples) {
            audio.add(samples);
        }

        @Override
        public void stopAudio() {
            stops++;
        }

        @Override
        public void lost(String why) {
            lost.add(why);
        }

        short[] samples() {
            return join(audio);
        }
    }
}
