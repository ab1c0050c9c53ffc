package io.switchboard.app;

import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on the installed engines: espeak-ng speaks the prompt and the sandbox phone's "yes", PocketSphinx hears
 * it. Runs where they are installed ({@code .ci/run} installs them).
 */
@EnabledIf("installed")
class InstalledEnginesEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "aW5zdGFsbGVkLWVuZ2luZXMtZW5kLXRvLWVuZC1rZXk=";

    @TempDir
    static Path dataDir;
    private static SandboxServer sandbox;
    private static CallbackReceiver app;
    private static SignedClient api;

    static boolean installed() {
        return List.of("espeak-ng", "pocketsphinx_continuous").stream().allMatch(program ->
                List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)).stream()
                        .anyMatch(directory -> Files.isExecutable(Path.of(directory, program))));
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(dataDir, KEY, Map.of("SWITCHBOARD_SPEECH_ENGINE", "espeak-ng",
                "SWITCHBOARD_RECOGNITION_ENGINE", "pocketsphinx"));
        app = sandbox.app;
        api = sandbox.api;
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void aSpokenYesChoosesTheConfirmChoice() throws Exception {
        String call = api.createGaCall("+15550100004", app.callbackUri());
        app.awaitEvent(call, "CallConnected", WAIT);

        SignedClient.Response accepted = api.send("POST", "/calling/callConnections/" + call + ":recognize"
                + SignedClient.GA_VERSION, """
                {"recognizeInputType":"choices",
                 "playPrompt":{"kind":"text","text":{"text":"Say yes to confirm."}},
                 "recognizeOptions":{"targetParticipant":{"kind":"phoneNumber","phoneNumber":{"value":"+15550100004"}},
                   "choices":[{"label":"Confirm","phrases":["yes","confirm"]},{"label":"Cancel","phrases":["no"]}]}}
                """);
        List<JsonObject> events = app.awaitEvent(call, "RecognizeCompleted", WAIT);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonObject completed = events.stream().filter(e -> CallbackReceiver.name(e).equals("RecognizeCompleted"))
                .findFirst().orElseThrow().getJsonObject("data");
        assertThat(completed.getJsonObject("choiceResult").getString("label")).isEqualTo("Confirm");
        assertThat(completed.getJsonObject("choiceResult").containsKey("confidence")).isFalse();
    }
}
