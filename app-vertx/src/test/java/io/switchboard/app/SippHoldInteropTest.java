package io.switchboard.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GA hold and unhold of a SIPp callee: the callee must receive a re-INVITE saying {@code a=sendonly}, then one
 * saying {@code a=sendrecv} ({@code uas_answer_hold.xml} fails otherwise). Runs only with {@code -Dinterop=true}
 * ({@code interop/sipp/run.sh}).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippHoldInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "c2lwcC1ob2xkLWludGVyb3AtdGVzdC1rZXktMDEyMzQ=";
    private static final String CALLEE = "+14255550123";
    private static final String VERSION = SignedClient.GA_VERSION;
    private static final String TARGET = "{\"targetParticipant\":{\"kind\":\"phoneNumber\","
            + "\"phoneNumber\":{\"value\":\"" + CALLEE + "\"}}}";

    @TempDir
    static Path dataDir;
    private static CallbackReceiver app;

    @BeforeAll
    static void start() throws Exception {
        app = new CallbackReceiver();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void holdAndUnholdReachTheCalleeAsReInvites() throws Exception {
        try (SippTrunk trunk = SippTrunk.start("uas_answer_hold.xml", 1, dataDir, KEY, "43600-43699")) {
            // given
            SignedClient api = trunk.api;
            String call = api.createGaCall(CALLEE, app.callbackUri());
            app.awaitEvent(call, "CallConnected", WAIT);

            // when
            SignedClient.Response held = api.send("POST", "/calling/callConnections/" + call + ":hold" + VERSION,
                    TARGET);
            app.await(call, WAIT, names -> updates(names) >= 2);
            SignedClient.Response released = api.send("POST", "/calling/callConnections/" + call + ":unhold"
                    + VERSION, TARGET);
            app.await(call, WAIT, names -> updates(names) >= 3);
            api.send("POST", "/calling/callConnections/" + call + ":terminate" + VERSION, "{}");
            app.awaitEvent(call, "CallDisconnected", WAIT);

            // then: SIPp saw both re-INVITEs with their directions and the call ended normally
            assertThat(held.status()).as(held.body()).isEqualTo(200);
            assertThat(released.status()).as(released.body()).isEqualTo(200);
            JsonObject onHold = app.eventsOf(call).stream()
                    .filter(e -> CallbackReceiver.name(e).startsWith("ParticipantsUpdated")).skip(1).findFirst()
                    .orElseThrow().getJsonObject("data");
            assertThat(onHold.getJsonArray("participants").getJsonObject(0).getBoolean("isOnHold")).isTrue();
            assertThat(trunk.sipp.awaitExit(WAIT)).as(trunk.sipp.output()).isZero();
        }
    }

    private static long updates(java.util.List<String> names) {
        return names.stream().filter(name -> name.startsWith("ParticipantsUpdated")).count();
    }
}
