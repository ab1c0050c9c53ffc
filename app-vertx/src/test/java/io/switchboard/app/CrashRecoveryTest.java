package io.switchboard.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal as an operator relies on it: the server in a JVM of its own, its receiver down (503), killed with
 * SIGKILL or stopped with SIGTERM, started again on the same data directory with the receiver up. Every event it had
 * accepted arrives, with its first id, in each call's order; the calls that were live are reported ended once; a
 * repeatable request is answered as the first time; ended calls stay readable; the events' history shows every
 * attempt.
 */
class CrashRecoveryTest {

    private static final String KEY = "Y3Jhc2gtcmVjb3ZlcnktdGVzdC1rZXktMDEyMzQ1Ng==";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String VERSION = SignedClient.GA_VERSION;

    /** One POST the receiver got: the event's id, its call, its type, and the status it answered. */
    private record Received(String id, String call, String type, int subCode, int status) {
    }

    /** Kept when a test fails: the servers' logs (first.log, second.log) are what explains it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private Vertx vertx;
    private HttpServer receiver;
    private final AtomicInteger answer = new AtomicInteger(503);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        vertx = Vertx.vertx();
        receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int status = answer.get();
            JsonObject event = new JsonArray(body.toString()).getJsonObject(0);
            JsonObject data = event.getJsonObject("data");
            JsonObject result = data.getJsonObject("resultInformation", new JsonObject());
            received.add(new Received(event.getString("id"), data.getString("callConnectionId"),
                    event.getString("type"), result.getInteger("subCode", -1), status));
            request.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        servers.forEach(Process::destroyForcibly);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Process server(Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(Map.of("SWITCHBOARD_HTTP_PORT", "0", "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dir.resolve("data").toString(), "SWITCHBOARD_SIP_ENABLED", "false",
                "SWITCHBOARD_SHUTDOWN_GRACE_SECONDS", "2"));
        Process process = builder.start();
        servers.add(process);
        return process;
    }

    private static SignedClient api(Path log) {
        int port = await("the server listening").atMost(WAIT).until(() -> port(log), found -> found > 0);
        return new SignedClient(port, KEY);
    }

    private static int port(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        Matcher matcher = LISTENING.matcher(Files.readString(log));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private String callbackUri() {
        return "http://127.0.0.1:" + receiver.actualPort() + "/events";
    }

    private static String create(SignedClient api, String callback, Map<String, String> headers) throws Exception {
        SignedClient.Response created = api.send("POST", "/calling/callConnections" + VERSION, """
                {"targets":[{"kind":"phoneNumber","phoneNumber":{"value":"+15550100001"}}],
                 "sourceCallerIdNumber":{"value":"+18005550100"},"callbackUri":"%s"}
                """.formatted(callback), headers);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new JsonObject(created.body()).getString("callConnectionId");
    }

    private Set<String> idsAttempted() {
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** The end of a call: disconnected, or (never connected) failed to be created. */
    private static boolean isEnd(Received event) {
        return event.type().endsWith("CallDisconnected") || event.type().endsWith("CreateCallFailed");
    }

    private List<Received> deliveredOf(String call) {
        return received.stream().filter(r -> call.equals(r.call()) && r.status() == 200).toList();
    }

    @Test
    void deliversEverythingAcceptedAfterAKillAndEndsTheCallsThatWereLiveOnce() throws Exception {
        // given: calls whose events the receiver refuses (503), one of them created as a repeatable request
        Process first = server(dir.resolve("first.log"));
        SignedClient api = api(dir.resolve("first.log"));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(create(api, callbackUri(), Map.of()));
        }
        String repeatable = create(api, callbackUri(), Map.of("Repeatability-Request-ID",
                "5f0e6c3e-6a52-4c1d-9a47-0c3f1d0b2a11", "Repeatability-First-Sent", "Sat, 05 Dec 2026 10:00:00 GMT"));
        calls.add(repeatable);
        await("an attempt of each call's events").atMost(WAIT).until(() -> calls.stream()
                .allMatch(call -> received.stream().anyMatch(r -> call.equals(r.call())
                        && "Microsoft.Communication.CallConnected".equals(r.type()))));
        Set<String> accepted = idsAttempted();

        // when: the server is killed, and started again on its data with the receiver up
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        answer.set(200);
        Path secondLog = dir.resolve("second.log");
        server(secondLog);
        SignedClient again = api(secondLog);

        // then: every event attempted before is delivered, and each call is reported ended once, by the restart
        await("the events kept, delivered").atMost(WAIT).until(() -> received.stream()
                .filter(r -> r.status() == 200).map(Received::id).toList().containsAll(accepted));
        for (String call : calls) {
            await("call " + call + " ended").atMost(WAIT).until(() -> deliveredOf(call).stream()
                    .anyMatch(r -> r.type().endsWith("CallDisconnected")));
            List<String> types = deliveredOf(call).stream().map(Received::type).distinct().toList();
            assertThat(types.indexOf("Microsoft.Communication.CallConnected"))
                    .isLessThan(types.indexOf("Microsoft.Communication.CallDisconnected"));
            assertThat(deliveredOf(call).stream().filter(r -> r.type().endsWith("CallDisconnected")))
                    .singleElement().extracting(Received::subCode).isEqualTo(8500);
            JsonObject properties = new JsonObject(again.send("GET", "/calling/callConnections/" + call + VERSION,
                    null).body());
            assertThat(properties.getString("callConnectionState")).isEqualTo("disconnected");
        }
        assertThat(Files.readString(secondLog)).contains(calls.size() + " were live when the server stopped");

        // and: the repeatable request is answered as the first time, without a new call
        int before = received.size();
        String repeated = create(again, callbackUri(), Map.of("Repeatability-Request-ID",
                "5f0e6c3e-6a52-4c1d-9a47-0c3f1d0b2a11", "Repeatability-First-Sent", "Sat, 05 Dec 2026 10:00:00 GMT"));
        assertThat(repeated).isEqualTo(repeatable);

        // and: a call's history shows its refused attempts and the one that delivered
        JsonObject history = new JsonObject(again.send("GET", "/switchboard/calls/" + calls.get(0) + "/events",
                null).body());
        JsonObject connected = history.getJsonArray("value").stream().map(JsonObject.class::cast)
                .filter(e -> e.getJsonArray("event").getJsonObject(0).getString("type").endsWith("CallConnected"))
                .findFirst().orElseThrow();
        assertThat(connected.getString("state")).isEqualTo("delivered");
        List<Integer> statuses = connected.getJsonArray("attempts").stream().map(JsonObject.class::cast)
                .map(a -> a.getInteger("status")).toList();
        assertThat(statuses).contains(503).last().isEqualTo(200);
        assertThat(received.size()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void keepsWhatIsUndeliveredAtAGracefulStopForTheNextStart() throws Exception {
        // given: a call whose events the receiver refuses
        Path firstLog = dir.resolve("first.log");
        Process first = server(firstLog);
        String call = create(api(firstLog), callbackUri(), Map.of());
        await("an attempt").atMost(WAIT).until(() -> received.stream().anyMatch(r -> call.equals(r.call())));

        // when: stopped with SIGTERM (hanging its call up), then started again with the receiver up
        first.destroy();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(firstLog)).containsPattern("callbacks: \\d+ events still pending at stop; kept in"
                + " the journal");
        Set<String> accepted = idsAttempted();
        answer.set(200);
        server(dir.resolve("second.log"));

        // then: the call's events arrive, ending with the hang-up of the stop (not a restart's)
        await("the events kept, delivered").atMost(WAIT).until(() -> deliveredOf(call).stream()
                .anyMatch(r -> r.type().endsWith("CallDisconnected")));
        assertThat(deliveredOf(call).stream().map(Received::id).toList()).containsAll(accepted);
        assertThat(deliveredOf(call).stream().filter(r -> r.type().endsWith("CallDisconnected")))
                .singleElement().extracting(Received::subCode).isNotEqualTo(8500);
    }

    @Test
    void aKillInTheMiddleOfABurstLosesNoCallsEvents() throws Exception {
        // given: a receiver that accepts, and a burst of calls whose events (about 1,000) are being delivered
        answer.set(200);
        Path firstLog = dir.resolve("first.log");
        Process first = server(firstLog);
        SignedClient api = api(firstLog);
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> creating = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                creating.add(clients.submit(() -> {
                    calls.add(create(api, callbackUri(), Map.of()));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> created : creating) {
                created.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdown();
        }

        // when: killed while the events are still arriving, then started again
        await("some events delivered").atMost(WAIT).until(() -> received.size() >= 50);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int beforeRestart = received.size();
        server(dir.resolve("second.log"));

        // then: every call created has one end (a call still ringing at the kill fails to be created), after its
        // connection if it had connected
        await("every call ended").atMost(WAIT).until(() -> calls.stream()
                .allMatch(call -> deliveredOf(call).stream().anyMatch(CrashRecoveryTest::isEnd)));
        for (String call : calls) {
            List<Received> events = deliveredOf(call);
            List<Received> ends = events.stream().filter(CrashRecoveryTest::isEnd).toList();
            assertThat(ends.stream().map(Received::id).distinct()).as(call).hasSize(1);
            List<String> types = events.stream().map(Received::type).toList();
            if (types.contains("Microsoft.Communication.CallConnected")) {
                assertThat(types.indexOf("Microsoft.Communication.CallConnected")).as(call)
                        .isLessThan(types.indexOf(ends.get(0).type()));
                assertThat(ends.get(0).type()).endsWith("CallDisconnected");
            }
        }
        assertThat(beforeRestart).as("killed in the middle of the burst").isLessThan(received.size());
    }
}
