package io.switchboard.app;

import io.switchboard.adapter.sip.SippProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call of three SIPp callees through the origin API: created to one number over the SIP trunk, two more invited,
 * a prompt to everyone (played once in the call's mix), one removed, hung up; the exact callbacks are asserted and
 * SIPp must have seen every call through. Runs only with {@code -Dinterop=true} ({@code interop/sipp/run.sh}).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippConferenceInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String KEY = "c2lwcC1jb25mZXJlbmNlLWludGVyb3AtdGVzdC1rZXk=";
    private static final String FIRST = "+14255550123";
    private static final String SECOND = "+14255550124";
    private static final String THIRD = "+14255550125";

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

    private void start(String scenario, int calls) throws Exception {
        trunk = SippTrunk.start(scenario, calls, dataDir, KEY, "43100-43199");
        sipp = trunk.sipp;
        api = trunk.api;
    }

    private String createCall(String number) throws Exception {
        SignedClient.Response response = api.send("POST", "/calls", """
                {"targets":[{"phoneNumber":{"value":"%s"}}],
                 "alternateCallerId":{"phoneNumber":{"value":"+18005550100"}},
                 "callbackUri":"%s","requestedCallEvents":["participantsUpdated"]}
                """.formatted(number, app.callbackUri()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("callLegId");
    }

    private SignedClient.Response invite(String call, String number, String context) throws Exception {
        return api.send("POST", "/calls/" + call + "/participants", """
                {"participants":[{"phoneNumber":{"value":"%s"}}],"operationContext":"%s"}
                """.formatted(number, context));
    }

    @Test
    void threeCalleesJoinHearAPromptOneIsRemovedAndTheCallIsHungUp() throws Exception {
        // given: SIPp answers three calls (PCMU) and waits for each BYE
        start("uas_answer.xml", 3);
        String prompt = app.serve("conference-prompt.wav", Wav.tone(16000, 440, 500));
        String call = createCall(FIRST);
        app.awaitEvent(call, "ParticipantsUpdated:1", WAIT);

        // when: two more numbers are invited, one at a time, and everyone hears a prompt
        SignedClient.Response second = invite(call, SECOND, "add-2");
        app.awaitEvent(call, "ParticipantsUpdated:2", WAIT);
        SignedClient.Response third = invite(call, THIRD, "add-3");
        List<JsonObject> joined = app.awaitEvent(call, "ParticipantsUpdated:3", WAIT);
        api.send("POST", "/calls/" + call + "/PlayAudio", "{\"audioFileUri\":\"" + prompt + "\"}");
        app.awaitEvent(call, "PlayAudioResult:completed", WAIT);

        // and: the second is removed, by the id ParticipantsUpdated gave it
        String removedId = participantId(last(joined, "ParticipantsUpdated:3"), SECOND);
        SignedClient.Response removed = api.send("DELETE", "/calls/" + call + "/participants/" + removedId, null);
        List<JsonObject> left = app.await(call, WAIT,
                names -> names.lastIndexOf("ParticipantsUpdated:2") > names.indexOf("ParticipantsUpdated:3"));
        api.send("POST", "/calls/" + call + "/Hangup", null);
        List<JsonObject> events = app.awaitEvent(call, "CallConnectionStateChanged:disconnected", WAIT);

        // then
        assertThat(List.of(second.status(), third.status(), removed.status())).containsOnly(202);
        assertThat(app.namesOf(call)).containsExactly(
                "CallConnectionStateChanged:connecting", "CallConnectionStateChanged:connected",
                "ParticipantsUpdated:1",
                "InviteParticipantsResult:completed", "ParticipantsUpdated:2",
                "InviteParticipantsResult:completed", "ParticipantsUpdated:3",
                "PlayAudioResult:completed",
                "ParticipantsUpdated:2",
                "CallConnectionStateChanged:disconnecting", "CallConnectionStateChanged:disconnected");
        assertThat(events.stream().filter(e -> CallbackReceiver.name(e).equals("InviteParticipantsResult:completed"))
                .map(e -> e.getJsonObject("data").getString("operationContext"))).containsExactly("add-2", "add-3");
        assertThat(rawIds(last(left, "ParticipantsUpdated:2"))).containsExactlyInAnyOrder("4:" + FIRST, "4:" + THIRD);
        assertThat(sipp.awaitExit(WAIT)).as(sipp.output()).isZero();
    }

    private static JsonObject last(List<JsonObject> events, String name) {
        return events.stream().filter(e -> CallbackReceiver.name(e).equals(name)).reduce((a, b) -> b).orElseThrow()
                .getJsonObject("data");
    }

    private static String participantId(JsonObject participantsUpdated, String number) {
        return participants(participantsUpdated).stream()
                .filter(p -> p.getJsonObject("identifier").getString("rawId").equals("4:" + number))
                .findFirst().orElseThrow().getString("participantId");
    }

    private static List<String> rawIds(JsonObject participantsUpdated) {
        return participants(participantsUpdated).stream()
                .map(p -> p.getJsonObject("identifier").getString("rawId")).toList();
    }

    private static List<JsonObject> participants(JsonObject participantsUpdated) {
        JsonArray array = participantsUpdated.getJsonArray("participants");
        return array.stream().map(JsonObject.class::cast).toList();
    }

}
