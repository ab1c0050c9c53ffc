package io.switchboard.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server as an operator runs it, in a JVM of its own, stopped with SIGTERM: the calls it hangs up on the way out
 * and the shutdown itself are in its log (the JDK's own shutdown hook used to silence logging first).
 */
class ShutdownTest {

    private static final String KEY = "c2h1dGRvd24tdGVzdC1rZXktMDEyMzQ1Njc4OQ==";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    /** The server in a JVM of its own, with {@code settings} on top of the test's, logging to {@code log}. */
    private Process server(Path log, java.util.Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(java.util.Map.of("SWITCHBOARD_HTTP_PORT", "0", "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dir.resolve("data").toString(), "SWITCHBOARD_SIP_ENABLED", "false"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    @Test
    void logsOneJsonObjectPerLineWithTheCallIdWhenAskedTo() throws Exception {
        Path log = dir.resolve("server.json.log");
        Process server = server(log, java.util.Map.of("SWITCHBOARD_LOG_FORMAT", "json"));
        try {
            SignedClient api = new SignedClient(await("the server listening").atMost(Duration.ofSeconds(60))
                    .until(() -> jsonPort(log), found -> found > 0), KEY);
            SignedClient.Response created = api.send("POST", "/calls", """
                    {"targets":[{"phoneNumber":{"value":"+15550100001"}}],
                     "source":{"communicationUser":{"id":"8:acs:sandbox_app"}},
                     "callbackUri":"http://127.0.0.1:9/callbacks"}""");
            String call = new JsonObject(created.body()).getString("callLegId");

            await("the call's connected line").atMost(Duration.ofSeconds(15)).until(() -> jsonLines(log).stream()
                    .anyMatch(line -> call.equals(line.getString("callId"))
                            && line.getString("message").endsWith("connected (0 Call connected.)")));
            assertThat(jsonLines(log)).allSatisfy(line -> {
                assertThat(line.getString("time")).endsWith("Z");
                assertThat(line.getString("level")).isIn("INFO", "WARNING", "SEVERE");
                assertThat(line.getString("logger")).isNotBlank();
            });
        } finally {
            server.destroyForcibly();
        }
    }

    /** The log's JSON lines (the connection string and certificate lines go to standard output as text). */
    private static List<JsonObject> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("{")).map(JsonObject::new).toList();
    }

    private static int jsonPort(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return jsonLines(log).stream().map(line -> LISTENING.matcher(line.getString("message")))
                .filter(Matcher::find).findFirst().map(m -> Integer.parseInt(m.group(1))).orElse(0);
    }

    @Test
    void logsTheCallsItHangsUpAndItsStopOnSigterm() throws Exception {
        Path log = dir.resolve("server.log");
        Process server = server(log, java.util.Map.of());
        try {
            int port = await("the server listening").atMost(Duration.ofSeconds(60))
                    .until(() -> port(log), found -> found > 0);
            SignedClient api = new SignedClient(port, KEY);
            SignedClient.Response created = api.send("POST", "/calls", """
                    {"targets":[{"phoneNumber":{"value":"+15550100001"}}],
                     "source":{"communicationUser":{"id":"8:acs:sandbox_app"}},
                     "callbackUri":"http://127.0.0.1:9/callbacks"}""");
            String call = new JsonObject(created.body()).getString("callLegId");
            await("the call connected").atMost(Duration.ofSeconds(15))
                    .until(() -> Files.readString(log).contains("call " + call + " connected"));

            server.destroy(); // SIGTERM

            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).anyMatch(line -> line.contains("shutting down"));
            assertThat(lines).anyMatch(line -> line.contains("call " + call + " disconnected"));
            assertThat(lines.get(lines.size() - 1)).endsWith("stopped");
        } finally {
            server.destroyForcibly();
        }
    }

    private static int port(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        Matcher matcher = LISTENING.matcher(Files.readString(log));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
