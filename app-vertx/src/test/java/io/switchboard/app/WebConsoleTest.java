package io.switchboard.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console's data and actions over real HTTP against the server on its sandbox: sessions opened with the access
 * key only, the live calls (as JSON and as a server-sent event stream), a call's story from the event history, hang-up
 * and test calls, the settings without secrets. (The pages themselves are driven by a real browser in
 * {@code interop/console}.)
 */
class WebConsoleTest {

    private static final String KEY = "c3dpdGNoYm9hcmQtY29uc29sZS10ZXN0LWtleS0wMQ==";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private static SandboxServer sandbox;

    @BeforeAll
    static void start() throws Exception {
        // a short retry window: a callback to a closed port is given up within a second or two
        sandbox = SandboxServer.start(dataDir, KEY, Map.of("SWITCHBOARD_WEBHOOK_RETRY_SECONDS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    /** A browser-like client: its own cookie jar. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(WAIT).build();
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sandbox.server.httpPort() + path)).timeout(WAIT);
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient loggedIn() throws Exception {
        HttpClient client = browser();
        HttpResponse<String> login = send(client, "POST", "/console/api/session", "{\"accessKey\":\"" + KEY + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(204);
        assertThat(login.headers().firstValue("set-cookie").orElseThrow())
                .contains("HTTPOnly").contains("SameSite=Strict").contains("Path=/console");
        return client;
    }

    private static String testCall(HttpClient client, String target) throws Exception {
        HttpResponse<String> placed = send(client, "POST", "/console/api/test-calls",
                "{\"target\":\"" + target + "\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        return new JsonObject(placed.body()).getString("id");
    }

    private static JsonObject story(HttpClient client, String callId) throws Exception {
        HttpResponse<String> call = send(client, "GET", "/console/api/calls/" + callId, null);
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        return new JsonObject(call.body());
    }

    @Test
    void servesNoDataWithoutASessionOpenedWithTheAccessKey() throws Exception {
        HttpClient client = browser();

        // the page itself is public, its data is not
        assertThat(send(client, "GET", "/console/", null).body()).contains("<title>Switchboard console</title>");
        HttpResponse<String> calls = send(client, "GET", "/console/api/calls", null);
        assertThat(calls.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(calls.body()).getJsonObject("error").getString("code")).isEqualTo("Unauthorized");
        HttpResponse<String> wrong = send(client, "POST", "/console/api/session",
                "{\"accessKey\":\"d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktMDE=\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("accessKey");
        assertThat(send(client, "GET", "/console/api/settings", null).statusCode()).isEqualTo(401);
        assertThat(send(client, "POST", "/console/api/test-calls", "{\"target\":\"+15550100001\"}").statusCode())
                .isEqualTo(401);
        // and the signed API does not take a console session either
        assertThat(send(loggedIn(), "GET", "/calling/callConnections/x?api-version=2025-05-15", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void showsALiveCallWithItsStoryAndHangsItUp() throws Exception {
        // given
        HttpClient client = loggedIn();
        String call = testCall(client, "+15550100001");

        // then: listed live, connected
        await().atMost(WAIT).until(() -> new JsonObject(send(client, "GET", "/console/api/calls", null).body())
                .getJsonArray("calls").stream().map(JsonObject.class::cast)
                .anyMatch(c -> c.getString("id").equals(call) && c.getString("state").equals("connected")));
        // and its story: the CallConnected event told to its callback, delivered at the first attempt
        await().atMost(WAIT).until(() -> types(story(client, call)).contains("CallConnected"));
        JsonObject connected = events(story(client, call)).stream()
                .filter(e -> e.getString("type").equals("CallConnected")).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> events(story(client, call)).get(0).getString("state").equals("delivered"));
        JsonObject attempt = events(story(client, call)).get(0).getJsonArray("attempts").getJsonObject(0);
        assertThat(attempt.getInteger("status")).isEqualTo(204);
        assertThat(connected.getString("target")).endsWith("/console/events");

        // when
        HttpResponse<String> hungUp = send(client, "POST", "/console/api/calls/" + call + "/hangup", "{}");

        // then
        assertThat(hungUp.statusCode()).as(hungUp.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> types(story(client, call)).contains("CallDisconnected"));
        assertThat(story(client, call).getJsonObject("call").getString("state")).isEqualTo("disconnected");
        await().atMost(WAIT).until(() -> new JsonObject(send(client, "GET", "/console/api/calls", null).body())
                .getJsonArray("calls").stream().map(JsonObject.class::cast)
                .noneMatch(c -> c.getString("id").equals(call)));
    }

    @Test
    void resendsAnEventGivenUpAndShowsTheNewAttempt() throws Exception {
        // given: a call whose application's callback is a closed port, so its CallConnected is given up
        HttpClient client = loggedIn();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String call = sandbox.api.createGaCall("+15550100001", "http://127.0.0.1:" + closed + "/callbacks");
        await().atMost(WAIT).until(() -> events(story(client, call)).stream().anyMatch(e ->
                e.getString("type").equals("CallConnected") && e.getString("state").equals("givenUp")));
        JsonObject givenUp = events(story(client, call)).stream()
                .filter(e -> e.getString("type").equals("CallConnected")).findFirst().orElseThrow();
        int attemptsBefore = givenUp.getJsonArray("attempts").size();

        // when
        HttpResponse<String> resent = send(client, "POST", "/console/api/calls/" + call + "/events/"
                + givenUp.getLong("seq") + "/resend", "{}");

        // then: one more attempt, refused again, so given up again
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> {
            JsonObject again = events(story(client, call)).stream()
                    .filter(e -> e.getLong("seq").equals(givenUp.getLong("seq"))).findFirst().orElseThrow();
            return again.getJsonArray("attempts").size() > attemptsBefore
                    && again.getString("state").equals("givenUp");
        });
        // and an event that is not given up is refused, naming it
        HttpResponse<String> notGivenUp = send(client, "POST", "/console/api/calls/" + call + "/events/999999/resend",
                "{}");
        assertThat(notGivenUp.statusCode()).isEqualTo(400);
        assertThat(notGivenUp.body()).contains("seq: 999999");
        send(client, "POST", "/console/api/calls/" + call + "/hangup", "{}");
    }

    @Test
    void showsTheApiRequestsMadeOnACallInItsStory() throws Exception {
        // given: a call of an application, read twice through the signed API
        HttpClient client = loggedIn();
        String call = sandbox.api.createGaCall("+15550100001", sandbox.app.callbackUri());
        sandbox.api.send("GET", "/calling/callConnections/" + call + "?api-version=2025-05-15", null);
        sandbox.api.send("GET", "/calling/callConnections/" + call + "/participants?api-version=2025-05-15", null);

        // then
        await().atMost(WAIT).until(() -> story(client, call).getJsonArray("requests").size() == 2);
        JsonObject first = story(client, call).getJsonArray("requests").getJsonObject(0);
        assertThat(first.getString("method")).isEqualTo("GET");
        assertThat(first.getString("path")).isEqualTo("/calling/callConnections/" + call);
        assertThat(first.getInteger("status")).isEqualTo(200);
        assertThat(first.getLong("ms")).isNotNegative();
        send(client, "POST", "/console/api/calls/" + call + "/hangup", "{}");
    }

    @Test
    void pushesTheLivePageAsServerSentEvents() throws Exception {
        // given
        HttpClient client = loggedIn();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sandbox.server.httpPort() + "/console/api/live?page=1")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");

        // when
        String call = testCall(client, "+15550100001");

        // then: a pushed page lists it, with the figures
        CompletableFuture<JsonObject> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data: ") && line.contains(call)) {
                        return new JsonObject(line.substring(6));
                    }
                }
                throw new IllegalStateException("the stream ended");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonObject page = seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(page.getInteger("total")).isGreaterThanOrEqualTo(1);
        assertThat(page.getJsonObject("figures").getInteger("activeCalls")).isGreaterThanOrEqualTo(1);
        send(client, "POST", "/console/api/calls/" + call + "/hangup", "{}");
    }

    @Test
    void endsTheLiveStreamOfASessionThatEnded() throws Exception {
        // given: a live stream open
        HttpClient client = loggedIn();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sandbox.server.httpPort() + "/console/api/live")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<Integer> pages = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                return (int) lines.lines().filter(line -> line.startsWith("data: ")).count();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });

        // when
        assertThat(send(client, "DELETE", "/console/api/session", null).statusCode()).isEqualTo(204);

        // then: the server ends the stream at its next push
        assertThat(pages.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void placesTestCallsOnlyToSandboxPhones() throws Exception {
        HttpClient client = loggedIn();

        HttpResponse<String> real = send(client, "POST", "/console/api/test-calls", "{\"target\":\"+14255550100\"}");
        assertThat(real.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(real.body()).getJsonObject("error").getString("message"))
                .startsWith("target: +14255550100 (expected: a sandbox phone or user");
        HttpResponse<String> notJson = send(client, "POST", "/console/api/test-calls", "call me");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(send(client, "GET", "/console/api/calls?page=zero", null).statusCode()).isEqualTo(400);
        assertThat(send(client, "GET", "/console/api/nothing", null).statusCode()).isEqualTo(404);
        HttpResponse<String> unknownCall = send(client, "GET", "/console/api/calls/no-such-call", null);
        assertThat(unknownCall.statusCode()).isEqualTo(404);
        assertThat(unknownCall.body()).startsWith("{\"error\":");
    }

    @Test
    void showsTheSettingsInForceWithoutSecretsAndTheFiguresWithTheirRecentPast() throws Exception {
        HttpClient client = loggedIn();

        HttpResponse<String> settings = send(client, "GET", "/console/api/settings", null);
        JsonObject figures = new JsonObject(send(client, "GET", "/console/api/figures", null).body());

        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(settings.body()).getString("SWITCHBOARD_HTTP_PORT")).isEqualTo("0");
        assertThat(settings.body()).doesNotContain(KEY).doesNotContain("SWITCHBOARD_ACCESS_KEY");
        assertThat(figures.getJsonObject("now").fieldNames()).contains("activeCalls", "webhooksPending");
        assertThat(figures.getJsonArray("samples")).isNotEmpty();
    }

    @Test
    void endsTheSessionAtLogoutEvenForACookieKeptElsewhere() throws Exception {
        // given
        HttpClient client = browser();
        HttpResponse<String> login = send(client, "POST", "/console/api/session", "{\"accessKey\":\"" + KEY + "\"}");
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        assertThat(send(client, "GET", "/console/api/calls", null).statusCode()).isEqualTo(200);

        // when
        assertThat(send(client, "DELETE", "/console/api/session", null).statusCode()).isEqualTo(204);

        // then: the session is gone on the server, not only from this client's jar
        HttpResponse<String> replayed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + sandbox.server.httpPort() + "/console/api/calls")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(401);
    }

    private static List<JsonObject> events(JsonObject story) {
        JsonArray events = story.getJsonArray("events");
        return events.stream().map(JsonObject.class::cast).toList();
    }

    private static List<String> types(JsonObject story) {
        return events(story).stream().map(e -> e.getString("type")).toList();
    }
}
