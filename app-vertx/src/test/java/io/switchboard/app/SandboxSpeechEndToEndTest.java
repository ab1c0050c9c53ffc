package io.switchboard.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speech recognition through the running server: a text prompt spoken by the embedded synthesizer, the sandbox
 * phones that speak (their speech synthesized, then heard by the embedded recognizer), and silence, all over the GA
 * wire with real webhooks.
 */
class SandboxSpeechEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "c3dpdGNoYm9hcmQtc3BlZWNoLXRlc3Qta2V5LTEyMzQ=";
    private static final String VERSION = SignedClient.GA_VERSION;

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

    private static String connectedCall(String target) throws Exception {
        String call = api.createGaCall(target, app.callbackUri());
        app.awaitEvent(call, "CallConnected", WAIT);
        return call;
    }

    private static SignedClient.Response recognize(String call, String target, String inputType, String extra)
            throws Exception {
        return api.send("POST", "/calling/callConnections/" + call + ":recognize" + VERSION, """
                {"recognizeInputType":"%s","operationContext":"menu",
                 "playPrompt":{"kind":"text","text":{"text":"Say yes to confirm.","sourceLocale":"en-US"}},
                 "recognizeOptions":{"targetParticipant":{"kind":"phoneNumber","phoneNumber":{"value":"%s"}},
                   "initialSilenceTimeoutInSeconds":3%s}}
                """.formatted(inputType, target, extra));
    }

    private static JsonObject data(List<JsonObject> events, String name) {
        return events.stream().filter(e -> CallbackReceiver.name(e).equals(name)).reduce((a, b) -> b).orElseThrow()
                .getJsonObject("data");
    }

    @Test
    void aSpokenYesChoosesTheConfirmChoice() throws Exception {
        // given
        String call = connectedCall("+15550100004");

        // when
        SignedClient.Response accepted = recognize(call, "+15550100004", "choices", """
                ,"choices":[{"label":"Confirm","phrases":["yes","confirm"],"tone":"one"},
                            {"label":"Cancel","phrases":["no","cancel"],"tone":"two"}]""");
        List<JsonObject> events = app.awaitEvent(call, "RecognizeCompleted", WAIT);

        // then
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonObject completed = data(events, "RecognizeCompleted");
        assertThat(completed.getString("recognitionType")).isEqualTo("choices");
        assertThat(completed.getJsonObject("choiceResult").getString("label")).isEqualTo("Confirm");
        assertThat(completed.getJsonObject("choiceResult").getString("recognizedPhrase")).isEqualTo("yes");
        assertThat(completed.getJsonObject("choiceResult").getDouble("confidence")).isBetween(0.0, 1.0);
        assertThat(completed.getJsonObject("resultInformation").getInteger("subCode")).isEqualTo(8545);
        assertThat(completed.getString("operationContext")).isEqualTo("menu");
    }

    @Test
    void freeSpeechIsTranscribed() throws Exception {
        // given
        String call = connectedCall("+15550100005");

        // when
        recognize(call, "+15550100005", "speech", ",\"speechOptions\":{\"endSilenceTimeoutInMs\":600}");
        List<JsonObject> events = app.awaitEvent(call, "RecognizeCompleted", WAIT);

        // then
        JsonObject completed = data(events, "RecognizeCompleted");
        assertThat(completed.getString("recognitionType")).isEqualTo("speech");
        // the embedded free-speech model is weak ("pay by bill" is what it makes of the sandbox's voice)
        assertThat(completed.getJsonObject("speechResult").getString("speech")).startsWith("i would like to pay");
    }

    @Test
    void healthTellsWhenTheRecognizersModelsAreLoaded() throws Exception {
        sandbox.server.warmUp();

        // the status itself may be degraded for reasons of the machine (a pacer behind on a loaded one), not the models;
        // a /health that does not answer within 10 s is asked again, and named if it is the last thing seen
        Awaitility.await("speechRecognition ready").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> {
                    JsonObject body = health();
                    assertThat(body.getString("speechRecognition")).as(body.encode()).isEqualTo("ready");
                    assertThat(body.getJsonArray("reasons", new JsonArray()).getList()).as(body.encode())
                            .doesNotContain("speechRecognitionFailed");
                });
    }

    private JsonObject health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.server.httpPort()
                + "/health")).timeout(Duration.ofSeconds(10)).build();
        return new JsonObject(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aSilentPhoneTimesOut() throws Exception {
        // given
        String call = connectedCall("+15550100001");

        // when
        recognize(call, "+15550100001", "speechOrDtmf", "");
        List<JsonObject> events = app.awaitEvent(call, "RecognizeFailed", WAIT);

        // then
        assertThat(data(events, "RecognizeFailed").getJsonObject("resultInformation").getInteger("subCode"))
                .isEqualTo(8510);
    }

    @Test
    void refusesWhatCannotBeRecognizedNamingTheField() throws Exception {
        String call = connectedCall("+15550100001");

        SignedClient.Response unknownType = recognize(call, "+15550100001", "gestures", "");
        SignedClient.Response language = recognize(call, "+15550100001", "speech", ",\"speechLanguage\":\"fr-FR\"");
        SignedClient.Response noPhrases = recognize(call, "+15550100001", "choices",
                ",\"choices\":[{\"label\":\"Confirm\"}]");

        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.body()).contains("recognizeInputType: gestures (expected: dtmf, choices, speech or "
                + "speechOrDtmf)");
        assertThat(language.status()).isEqualTo(400);
        assertThat(language.body()).contains("speechLanguage: fr-FR (expected: one of en-US)");
        assertThat(noPhrases.status()).isEqualTo(400);
        assertThat(noPhrases.body()).contains("recognizeOptions.choices[0].phrases");
    }
}
