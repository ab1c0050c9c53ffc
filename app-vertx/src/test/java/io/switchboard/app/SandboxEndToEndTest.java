package io.switchboard.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole call flows through the running server: signed REST requests in, sandbox phones on the other end, real
 * webhooks out to a real receiver; each test asserts the exact callbacks.
 */
class SandboxEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEY = "c3dpdGNoYm9hcmQtZW5kLXRvLWVuZC10ZXN0LWtleQ==";

    @TempDir
    static Path dataDir;
    private static SandboxServer sandbox;
    private static CallbackReceiver app;
    private static SignedClient api;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(dataDir, KEY, Map.of());
        app = sandbox.app;
        api = sandbox.api;
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    private static String createCall(String target, String extra) throws Exception {
        SignedClient.Response response = api.send("POST", "/calls", """
                {"source":{"communicationUser":{"id":"8:acs:sandbox_app"}},
                 "targets":[{"phoneNumber":{"value":"%s"}}],
                 "alternateCallerId":{"phoneNumber":{"value":"+18005550100"}},
                 "callbackUri":"%s","requestedModalities":["audio"],
                 "requestedCallEvents":["participantsUpdated","dtmfReceived"]%s}
                """.formatted(target, app.callbackUri(), extra));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("callLegId");
    }

    private static SignedClient.Response play(String callId, String uri, boolean loop) throws Exception {
        return api.send("POST", "/calls/" + callId + "/PlayAudio", """
                {"audioFileUri":"%s","loop":%s,"operationContext":"prompt-1","resourceId":"%s"}
                """.formatted(uri, loop, uri.hashCode()));
    }

    private static JsonObject last(List<JsonObject> events, String name) {
        return events.stream().filter(e -> CallbackReceiver.name(e).equals(name)).reduce((a, b) -> b).orElseThrow()
                .getJsonObject("data");
    }

    @Test
    void incidentReporterFlowPlaysThePromptCollectsTheKeyAndHangsUp() throws Exception {
        // given
        String prompt = app.serve("incident.wav", Wav.tone(16000, 440, 1000));
        String call = createCall("+15550100002", "");
        app.awaitEvent(call, "CallConnectionStateChanged:connected", WAIT);

        // when
        SignedClient.Response played = play(call, prompt, false);
        app.awaitEvent(call, "ToneReceived:tone1", WAIT);
        SignedClient.Response hungUp = api.send("POST", "/calls/" + call + "/Hangup", null);
        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        // then
        assertThat(played.status()).isEqualTo(202);
        assertThat(new JsonObject(played.body()).getString("operationContext")).isEqualTo("prompt-1");
        assertThat(hungUp.status()).isEqualTo(202);
        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:connected",
                "ParticipantsUpdated:1", "PlayAudioResult:completed", "ToneReceived:tone1",
                "CallConnectionStateChanged:disconnecting", "CallConnectionStateChanged:disconnected");
        assertThat(last(events, "PlayAudioResult:completed").getString("operationContext")).isEqualTo("prompt-1");
        assertThat(last(events, "CallConnectionStateChanged:disconnected").getJsonObject("resultInfo")
                .getInteger("subcode")).isEqualTo(7000);
    }

    @Test
    void busyNumberEndsTheCallWithSubcode8539() throws Exception {
        String call = createCall("+15550100486", "");

        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:disconnected");
        assertThat(last(events, "CallConnectionStateChanged:disconnected").getJsonObject("resultInfo")
                .getInteger("subcode")).isEqualTo(8539);
    }

    @Test
    void unansweredNumberEndsAtTheRingTimeoutWithSubcode8541() throws Exception {
        String call = createCall("+15550100408", ",\"ringTimeoutInSeconds\":1");

        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:disconnected");
        assertThat(last(events, "CallConnectionStateChanged:disconnected").getJsonObject("resultInfo")
                .getInteger("subcode")).isEqualTo(8541);
    }

    @Test
    void numberOutsideTheSandboxWithoutTrunkIsUnreachable() throws Exception {
        String call = createCall("+442071234567", "");

        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(last(events, "CallConnectionStateChanged:disconnected").getJsonObject("resultInfo")
                .getInteger("subcode")).isEqualTo(8544);
    }

    @Test
    void calleeHangingUpByItselfEndsTheCallWithSubcode5001() throws Exception {
        String call = createCall("+15550100003", "");

        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:connected",
                "ParticipantsUpdated:1", "CallConnectionStateChanged:disconnected");
        assertThat(last(events, "CallConnectionStateChanged:disconnected").getJsonObject("resultInfo")
                .getInteger("subcode")).isEqualTo(5001);
    }

    @Test
    void promptThatCannotBeDownloadedFailsWith8536() throws Exception {
        String call = createCall("+15550100001", "");
        app.awaitEvent(call, "CallConnectionStateChanged:connected", WAIT);

        play(call, app.callbackUri().replace("/callbacks", "/audio/missing.wav"), false);
        List<JsonObject> events = app.awaitEvent(call, "PlayAudioResult:failed", WAIT);

        assertThat(last(events, "PlayAudioResult:failed").getJsonObject("resultInfo").getInteger("subcode"))
                .isEqualTo(8536);
        api.send("POST", "/calls/" + call + "/Hangup", null);
    }

    @Test
    void promptThatIsNotAudioFailsWith8535() throws Exception {
        String call = createCall("+15550100001", "");
        app.awaitEvent(call, "CallConnectionStateChanged:connected", WAIT);

        play(call, app.serve("page.wav", "<html>not audio</html>".getBytes()), false);
        List<JsonObject> events = app.awaitEvent(call, "PlayAudioResult:failed", WAIT);

        assertThat(last(events, "PlayAudioResult:failed").getJsonObject("resultInfo").getInteger("subcode"))
                .isEqualTo(8535);
        api.send("POST", "/calls/" + call + "/Hangup", null);
    }

    @Test
    void cancelStopsALoopedPrompt() throws Exception {
        // given: a phone that presses 1 each time a prompt ends, hearing a 300 ms prompt looped
        String call = createCall("+15550100002", "");
        app.awaitEvent(call, "CallConnectionStateChanged:connected", WAIT);
        play(call, app.serve("loop.wav", Wav.tone(8000, 440, 300)), true);
        app.await(call, WAIT, names -> tones(names) >= 2); // the loop started over at least once

        // when
        SignedClient.Response canceled = api.send("POST", "/calls/" + call + "/CancelMediaProcessing",
                "{\"operationContext\":\"stop-it\"}");
        List<JsonObject> events = app.awaitEvent(call, "PlayAudioResult:failed", WAIT);
        long tonesWhenCanceled = tones(app.namesOf(call));
        // a 900 ms prompt: a loop still running would end (and the phone press 1) at least twice meanwhile
        play(call, app.serve("after.wav", Wav.tone(8000, 440, 900)), false);
        app.await(call, WAIT, names -> names.contains("PlayAudioResult:completed") && tones(names) > tonesWhenCanceled);

        // then: the phone pressed 1 once more, for the second prompt only
        assertThat(canceled.status()).isEqualTo(202);
        assertThat(new JsonObject(canceled.body()).getString("status")).isEqualTo("completed");
        assertThat(last(events, "PlayAudioResult:failed").getJsonObject("resultInfo").getInteger("subcode"))
                .isEqualTo(8508);
        api.send("POST", "/calls/" + call + "/Hangup", null);
        app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);
        assertThat(tones(app.namesOf(call))).isEqualTo(tonesWhenCanceled + 1);
    }

    private static long tones(List<String> names) {
        return names.stream().filter("ToneReceived:tone1"::equals).count();
    }

    @Test
    void invitedParticipantJoinsAndIsRemoved() throws Exception {
        // given
        String call = createCall("+15550100001", "");
        app.awaitEvent(call, "CallConnectionStateChanged:connected", WAIT);

        // when
        SignedClient.Response invited = api.send("POST", "/calls/" + call + "/participants", """
                {"participants":[{"phoneNumber":{"value":"+15550100002"}}],"operationContext":"add-2"}""");
        List<JsonObject> joined = app.awaitEvent(call, "ParticipantsUpdated:2", WAIT);
        JsonArray participants = last(joined, "ParticipantsUpdated:2").getJsonArray("participants");
        String added = participants.stream().map(JsonObject.class::cast)
                .filter(p -> p.getJsonObject("identifier").getString("rawId").equals("4:+15550100002"))
                .findFirst().orElseThrow().getString("participantId");
        SignedClient.Response removed = api.send("DELETE", "/calls/" + call + "/participants/" + added, null);
        app.await(call, WAIT,
                names -> names.lastIndexOf("ParticipantsUpdated:1") > names.indexOf("ParticipantsUpdated:2"));
        SignedClient.Response state = api.send("GET", "/calls/" + call, null);

        // then
        assertThat(invited.status()).isEqualTo(202);
        assertThat(removed.status()).isEqualTo(202);
        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:connected",
                "ParticipantsUpdated:1", "InviteParticipantsResult:completed", "ParticipantsUpdated:2",
                "ParticipantsUpdated:1");
        assertThat(last(joined, "InviteParticipantsResult:completed").getString("operationContext"))
                .isEqualTo("add-2");
        assertThat(new JsonObject(state.body()).getJsonArray("participants")).hasSize(1);
        api.send("POST", "/calls/" + call + "/Hangup", null);
    }

    @Test
    void unknownCallIs404InTheErrorShape() throws Exception {
        SignedClient.Response response = api.send("POST", "/calls/no-such-call/Hangup", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("8522");
    }

    @Test
    void healthNeedsNoSignatureAndCountsCallsAndWebhooks() throws Exception {
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + sandbox.server.httpPort() + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        JsonObject body = new JsonObject(health.body());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body.getString("status")).isEqualTo("ok");
        assertThat(body.getInteger("activeCalls")).isNotNegative();
        assertThat(body.getJsonObject("webhooks").fieldNames())
                .containsExactlyInAnyOrder("delivered", "retried", "givenUp", "pending");
        assertThat(body.getString("version")).isEqualTo(Version.current());
        assertThat(body.getString("speechRecognition")).isIn("on first use", "loading", "ready");
        java.net.http.HttpResponse<String> head = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + sandbox.server.httpPort()
                        + "/health")).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void metricsCountTheCallsTheWebhooksAndTheRequests() throws Exception {
        // given: a call that connects and is hung up
        String call = createCall("+15550100001", "");
        app.awaitEvent(call, "CallConnectionStateChanged:connected", WAIT);
        api.send("POST", "/calls/" + call + "/Hangup", null);
        app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        // when: scraped as Prometheus does, without a signature
        Scraped metrics = Scraped.from(sandbox.server.httpPort());

        // then
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.value("switchboard_calls_started_total{answered=\"false\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("switchboard_calls_connected_total")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("switchboard_calls_ended_total{code=\"200\",connected=\"true\",subcode=\"7000\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("switchboard_calls_setup_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.text()).contains("switchboard_calls_active ").contains("switchboard_webhooks_pending ")
                .contains("switchboard_webhooks_delivered_total ")
                .contains("switchboard_streaming_frames_dropped_total ").contains("jvm_memory_used_bytes");
        assertThat(metrics.text()).containsPattern(
                "vertx_http_server_requests_total\\{code=\"200\",method=\"POST\",route=\"[^\"]*/calls\"\\} ");
        // the requests' time by bucket, for a percentile (histogram_quantile), labels in any order
        assertThat(metrics.text()).containsPattern("(?m)^vertx_http_server_response_time_seconds_bucket\\{"
                + "(?=[^}]*method=\"POST\")(?=[^}]*route=\"[^\"]*/calls\")(?=[^}]*le=\"0\\.005\")[^}]*\\} ");
        assertThat(metrics.value("switchboard_calls_setup_seconds_bucket{le=\"+Inf\"}")).isGreaterThanOrEqualTo(1);
        // the webhooks' latency: over the delivered ones (the connected and disconnected events at least)
        assertThat(metrics.value("switchboard_webhooks_latency_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("switchboard_webhooks_latency_seconds_sum")).isPositive();
    }

    @Test
    void everythingElseStillNeedsASignature() throws Exception {
        java.net.http.HttpResponse<String> unsigned = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + sandbox.server.httpPort() + "/calls/x")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(unsigned.body()).getString("code")).isEqualTo("Denied");
    }
}
