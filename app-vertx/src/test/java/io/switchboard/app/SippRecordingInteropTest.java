package io.switchboard.app;

import io.switchboard.adapter.sip.Goertzel;
import io.switchboard.adapter.sip.SippProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recorded call over SIP: the SIPp callee talks (a 1 kHz tone) while the server plays a 440 Hz prompt; the
 * recording, unmixed, is paused and resumed, then stopped. The WAV file must hold the callee on channel 0 and the
 * prompt on channel 4 (Goertzel), last as long as the audio written, and leave the paused time out. Runs only with
 * {@code -Dinterop=true} ({@code interop/sipp/run.sh}, which writes the tone's pcap).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippRecordingInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String KEY = "c2lwcC1yZWNvcmRpbmctaW50ZXJvcC10ZXN0LWtleQ==";
    private static final String CALLEE = "+14255550123";
    private static final String VERSION = SignedClient.GA_VERSION;
    private static final int CHANNELS = 5;
    private static final long BYTES_PER_SECOND = 8000L * 2 * CHANNELS;
    private static final double APART_DB = 20;

    @TempDir
    static Path dataDir;
    private static CallbackReceiver app;
    private SippTrunk trunk;

    @BeforeAll
    static void startReceiver() throws Exception {
        app = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        app.close();
    }

    @AfterEach
    void stop() {
        if (trunk != null) {
            trunk.close();
        }
    }

    @Test
    void recordsTheCalleeAndThePromptOnTheirOwnChannelsAndLeavesThePauseOut() throws Exception {
        // given: SIPp answers and talks; the call hears a looped prompt
        trunk = SippTrunk.start("uas_answer_tone.xml", 1, dataDir, KEY, "43200-43299");
        SippProcess sipp = trunk.sipp;
        SignedClient api = trunk.api;
        String prompt = app.serve("recording-prompt.wav", Wav.tone(16000, 440, 1000));
        String call = api.createGaCall(CALLEE, app.callbackUri());
        app.awaitEvent(call, "CallConnected", WAIT);
        api.send("POST", "/calling/callConnections/" + call + ":play" + VERSION, """
                {"playSources":[{"kind":"file","file":{"uri":"%s"}}],"playOptions":{"loop":true}}
                """.formatted(prompt));

        // when: recorded unmixed (by the call connection id), paused, resumed, stopped
        long started = System.nanoTime();
        SignedClient.Response recording = api.send("POST", "/calling/recordings" + VERSION,
                "{\"callConnectionId\":\"" + call + "\",\"recordingChannelType\":\"unmixed\"}");
        assertThat(recording.status()).as(recording.body()).isEqualTo(200);
        String id = new JsonObject(recording.body()).getString("recordingId");
        Path file = awaitAudioFile();
        awaitAudio(file, BYTES_PER_SECOND * 3 / 2);
        assertThat(api.send("POST", "/calling/recordings/" + id + ":pause" + VERSION, null).status()).isEqualTo(202);
        long pausedAt = System.nanoTime();
        awaitNoMoreAudio(file);
        long pausedFor = System.nanoTime() - pausedAt;
        long before = declared(file);
        assertThat(api.send("POST", "/calling/recordings/" + id + ":resume" + VERSION, null).status()).isEqualTo(202);
        awaitAudio(file, before + BYTES_PER_SECOND);
        assertThat(api.send("DELETE", "/calling/recordings/" + id + VERSION, null).status()).isEqualTo(204);
        long recordedFor = System.nanoTime() - started;
        Path document = file.resolveSibling(file.getFileName().toString().replace(".wav", ".json"));
        await("the recording's document").atMost(WAIT).until(() -> Files.exists(document));
        api.send("POST", "/calling/callConnections/" + call + ":terminate" + VERSION, "{}");
        app.awaitEvent(call, "CallDisconnected", WAIT);

        // then: the callee on channel 0, the prompt on channel 4, the pause left out
        short[][] channels = recorded(file);
        assertThat(channels).hasNumberOfRows(CHANNELS);
        short[] callee = middle(channels[0]);
        short[] played = middle(channels[4]);
        assertThat(Goertzel.powerDb(callee, 1000)).as("the callee's tone on channel 0")
                .isGreaterThan(Goertzel.powerDb(callee, 440) + APART_DB);
        assertThat(Goertzel.powerDb(played, 440)).as("the prompt on channel 4")
                .isGreaterThan(Goertzel.powerDb(played, 1000) + APART_DB);
        long fileMillis = channels[0].length / 8;
        assertThat(fileMillis).as("recorded %d ms, paused %d ms", recordedFor / 1_000_000, pausedFor / 1_000_000)
                .isLessThan((recordedFor - pausedFor) / 1_000_000 + 600)
                .isGreaterThan(2000);
        JsonObject metadata = new JsonObject(Files.readString(document));
        assertThat(metadata.getLong("lengthMillis")).isEqualTo(fileMillis / 20 * 20);
        assertThat(metadata.getJsonArray("participants").getJsonObject(0).getString("rawId"))
                .isEqualTo("4:" + CALLEE);
        assertThat(app.eventsOf(call).stream().filter(e -> CallbackReceiver.name(e).equals("RecordingStateChanged"))
                .map(e -> e.getJsonObject("data").getString("state")))
                .containsExactly("active", "inactive", "active", "inactive");
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
        // and /metrics counted the call's RTP both ways (the leg adds its counts when it closes) and its INVITE
        await("the leg's packets counted").atMost(WAIT).until(() -> Scraped.from(trunk.server.httpPort())
                .value("switchboard_rtp_packets_received_total") > 100);
        Scraped metrics = Scraped.from(trunk.server.httpPort());
        assertThat(metrics.value("switchboard_rtp_packets_sent_total")).isGreaterThan(100);
        assertThat(metrics.value("switchboard_sip_trunk_invites_total{trunk=\"1\"}")).isEqualTo(1);
        assertThat(metrics.text()).contains("switchboard_rtp_packets_lost_total ")
                .contains("switchboard_rtp_jitter_max_seconds ")
                .contains("switchboard_rtp_pacer_late_slots_total{over=\"0.005\"} ");
    }

    private static Path awaitAudioFile() {
        Path directory = dataDir.resolve("recordings");
        return await("the recording's file").atMost(WAIT).until(() -> {
            if (!Files.isDirectory(directory)) {
                return null;
            }
            try (Stream<Path> files = Files.list(directory)) {
                List<Path> wavs = files.filter(p -> p.toString().endsWith(".wav")).toList();
                return wavs.size() == 1 ? wavs.get(0) : null;
            }
        }, path -> path != null);
    }

    /** Until the header declares {@code bytes} of audio (it is rewritten every second as the file grows). */
    private static void awaitAudio(Path file, long bytes) {
        await("recorded audio").atMost(WAIT).until(() -> declared(file) >= bytes);
    }

    /** Until the paused file stops growing: its size is the same on two looks more than a header rewrite apart. */
    private static void awaitNoMoreAudio(Path file) {
        AtomicLong last = new AtomicLong(-1);
        await("the pause to take effect").atMost(WAIT).pollInterval(Duration.ofMillis(1200)).until(() -> {
            long now = Files.size(file);
            return now == last.getAndSet(now);
        });
    }

    private static short[][] recorded(Path file) throws Exception {
        return io.switchboard.adapter.sip.Wav.channels(file);
    }

    private static long declared(Path file) throws Exception {
        return io.switchboard.adapter.sip.Wav.declaredDataBytes(file);
    }

    private static short[] middle(short[] track) {
        return Arrays.copyOfRange(track, track.length / 4, track.length - track.length / 4);
    }
}
