package io.switchboard.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness and readiness for load balancers, on the running server: ready with nothing wrong, degraded (503 on
 * readiness, the reason named) when the recordings' disk is below its floor, live in both cases.
 */
class HealthTest {

    private static final String KEY = "aGVhbHRoLXRlc3Qta2V5LTAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dataDir;

    private static HttpResponse<String> get(SandboxServer sandbox, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sandbox.server.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void isLiveAndReadyWhenNothingIsWrong() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(dataDir, KEY, Map.of())) {
            HttpResponse<String> live = get(sandbox, "/health/live");
            HttpResponse<String> ready = get(sandbox, "/health/ready");

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("live");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("ready");
            assertThat(new JsonObject(get(sandbox, "/health").body()).getString("status")).isEqualTo("ok");
        }
    }

    @Test
    void isNotReadyButStillLiveWhenTheRecordingsDiskIsBelowItsFloor() throws Exception {
        // given: a floor no disk here reaches (10 TiB free); the journal is on the same disk
        try (SandboxServer sandbox = SandboxServer.start(dataDir, KEY,
                Map.of("SWITCHBOARD_RECORDING_MIN_FREE_MB", "10000000"))) {
            HttpResponse<String> ready = get(sandbox, "/health/ready");
            JsonObject health = new JsonObject(get(sandbox, "/health").body());

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getJsonArray("reasons"))
                    .containsExactly("diskLow", "journalDiskLow");
            assertThat(health.getString("status")).isEqualTo("degraded");
            assertThat(health.getJsonArray("reasons")).containsExactly("diskLow", "journalDiskLow");
            assertThat(get(sandbox, "/health/live").statusCode()).isEqualTo(200);
        }
    }
}
