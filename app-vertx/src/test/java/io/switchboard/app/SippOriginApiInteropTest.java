package io.switchboard.app;

import io.switchboard.adapter.sip.SippProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server against SIPp (package sip-tester) as the carrier: the origin API places the calls over the SIP
 * trunk and the exact callbacks are asserted. Runs only with {@code -Dinterop=true} ({@code interop/sipp/run.sh}).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippOriginApiInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String KEY = "c2lwcC1vcmlnaW4tYXBpLWludGVyb3AtdGVzdC1rZXk=";

    @TempDir
    static Path dataDir;
    private static CallbackReceiver app;
    private SippTrunk trunk;
    private SippProcess sipp;
    private SignedClient api;

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

    private void start(String scenario) throws Exception {
        trunk = SippTrunk.start(scenario, 1, dataDir, KEY, "43000-43099");
        sipp = trunk.sipp;
        api = trunk.api;
    }

    private String createCall(String extra) throws Exception {
        SignedClient.Response response = api.send("POST", "/calls", """
                {"targets":[{"phoneNumber":{"value":"+14255550123"}}],
                 "alternateCallerId":{"phoneNumber":{"value":"+18005550100"}},
                 "callbackUri":"%s","requestedCallEvents":["participantsUpdated","dtmfReceived"]%s}
                """.formatted(app.callbackUri(), extra));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("callLegId");
    }

    private static JsonObject resultOf(List<JsonObject> events) {
        return events.get(events.size() - 1).getJsonObject("data").getJsonObject("resultInfo");
    }

    @Test
    void answeredCallReportsTheKeysPlaysThePromptAndHangsUp() throws Exception {
        // given: SIPp answers with PCMU + telephone-event, then sends the keys 1 5 # as RFC 4733 events
        start("uas_answer_dtmf.xml");
        String prompt = app.serve("sip-prompt.wav", Wav.tone(16000, 440, 500));
        String call = createCall("");
        app.awaitEvent(call, "ToneReceived:pound", WAIT);

        // when
        api.send("POST", "/calls/" + call + "/PlayAudio", "{\"audioFileUri\":\"" + prompt + "\"}");
        app.awaitEvent(call, "PlayAudioResult:completed", WAIT);
        api.send("POST", "/calls/" + call + "/Hangup", null);
        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        // then
        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:connected",
                "ParticipantsUpdated:1", "ToneReceived:tone1", "ToneReceived:tone5", "ToneReceived:pound",
                "PlayAudioResult:completed", "CallConnectionStateChanged:disconnecting",
                "CallConnectionStateChanged:disconnected");
        assertThat(resultOf(events).getInteger("subcode")).isEqualTo(7000);
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }

    @Test
    void busyCalleeEndsTheCallWith8539() throws Exception {
        start("uas_busy.xml");

        String call = createCall("");
        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:disconnected");
        assertThat(resultOf(events).getInteger("subcode")).isEqualTo(8539);
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }

    @Test
    void unansweredCallIsCanceledAtTheRingTimeoutWith8541() throws Exception {
        start("uas_ring_no_answer.xml");

        String call = createCall(",\"ringTimeoutInSeconds\":2");
        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:disconnected");
        assertThat(resultOf(events).getInteger("subcode")).isEqualTo(8541);
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }

    @Test
    void silentCarrierTimesOutWith8541AndTheSipCode() throws Exception {
        start("uas_silent.xml");

        String call = createCall("");
        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(resultOf(events).getInteger("subcode")).isEqualTo(8541);
        assertThat(resultOf(events).getString("message")).contains("SIP 408");
    }

}
