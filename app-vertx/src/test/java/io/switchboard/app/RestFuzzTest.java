package io.switchboard.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded fuzzer over both API flavours against the running server: valid requests (on a live sandbox
 * call) mutated field by field (removed, retyped, huge, deeply nested, truncated, duplicated) and sent signed. Every
 * answer must be below 500 and, when it is an error, the API's JSON error shape; the server must still place a call
 * afterwards. The seed is fixed, so a failure replays.
 */
class RestFuzzTest {

    private static final long SEED = 20261205L;
    private static final int CASES = 3000;
    private static final String KEY = "cmVzdC1mdXp6LXRlc3Qta2V5LTEyMzQ1Njc4OTAxMjM=";
    private static final String GA = SignedClient.GA_VERSION;

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

    /** A request the API accepts, to mutate. */
    private record Template(String method, String path, JsonObject body) {
    }

    private static List<Template> templates(String gaCall, String originCall) {
        String callback = app.callbackUri();
        JsonObject phone = new JsonObject().put("kind", "phoneNumber")
                .put("phoneNumber", new JsonObject().put("value", "+15550100001"));
        JsonObject file = new JsonObject().put("kind", "file")
                .put("file", new JsonObject().put("uri", "http://127.0.0.1:9/prompt.wav"));
        JsonObject text = new JsonObject().put("kind", "text")
                .put("text", new JsonObject().put("text", "Hello").put("sourceLocale", "en-US"));
        String call = "/calling/callConnections/" + gaCall;
        return List.of(
                new Template("POST", "/calling/callConnections" + GA, new JsonObject()
                        .put("targets", new JsonArray().add(phone)).put("callbackUri", callback)
                        .put("sourceCallerIdNumber", new JsonObject().put("value", "+18005550100"))),
                new Template("POST", call + ":play" + GA, new JsonObject()
                        .put("playSources", new JsonArray().add(file).add(text))
                        .put("playOptions", new JsonObject().put("loop", false)).put("operationContext", "fuzz")),
                new Template("POST", call + ":recognize" + GA, new JsonObject()
                        .put("recognizeInputType", "choices").put("playPrompt", text)
                        .put("recognizeOptions", new JsonObject().put("targetParticipant", phone)
                                .put("initialSilenceTimeoutInSeconds", 1)
                                .put("choices", new JsonArray().add(new JsonObject().put("label", "Yes")
                                        .put("phrases", new JsonArray().add("yes")).put("tone", "one")))
                                .put("speechOptions", new JsonObject().put("endSilenceTimeoutInMs", 500)))),
                new Template("POST", call + "/participants:add" + GA, new JsonObject()
                        .put("participantToAdd", phone).put("operationContext", "fuzz")),
                new Template("POST", call + ":mute" + GA, new JsonObject()
                        .put("targetParticipants", new JsonArray().add(phone))),
                new Template("POST", call + ":sendDtmfTones" + GA, new JsonObject()
                        .put("tones", new JsonArray().add("one").add("pound")).put("targetParticipant", phone)),
                new Template("POST", "/calling/recordings" + GA, new JsonObject()
                        .put("callLocator", new JsonObject().put("kind", "serverCallLocator")
                                .put("serverCallId", "nope")).put("recordingChannelType", "mixed")),
                new Template("POST", "/calls", new JsonObject()
                        .put("targets", new JsonArray().add(new JsonObject().put("phoneNumber",
                                new JsonObject().put("value", "+15550100001"))))
                        .put("source", new JsonObject().put("communicationUser",
                                new JsonObject().put("id", "8:acs:sandbox_app")))
                        .put("callbackUri", callback).put("requestedModalities", new JsonArray().add("audio"))),
                new Template("POST", "/calls/" + originCall + "/PlayAudio", new JsonObject()
                        .put("audioFileUri", "http://127.0.0.1:9/prompt.wav").put("loop", false)
                        .put("operationContext", "fuzz")),
                new Template("POST", "/calls/" + originCall + "/participants", new JsonObject()
                        .put("participants", new JsonArray().add(new JsonObject().put("phoneNumber",
                                new JsonObject().put("value", "+15550100002"))))));
    }

    @Test
    void noMutatedRequestGetsAServerErrorOrAnAnswerOutsideTheErrorShape() throws Exception {
        String gaCall = api.createGaCall("+15550100001", app.callbackUri());
        SignedClient.Response origin = api.send("POST", "/calls", """
                {"targets":[{"phoneNumber":{"value":"+15550100001"}}],
                 "source":{"communicationUser":{"id":"8:acs:sandbox_app"}},"callbackUri":"%s"}
                """.formatted(app.callbackUri()));
        String originCall = new JsonObject(origin.body()).getString("callLegId");
        app.awaitEvent(gaCall, "CallConnected", Duration.ofSeconds(10));
        List<Template> templates = templates(gaCall, originCall);
        Random random = new Random(SEED);
        List<String> problems = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < CASES && problems.size() < 10; i++) {
            Template template = templates.get(random.nextInt(templates.size()));
            String body = mutated(template.body(), random);
            SignedClient.Response response = api.send(template.method(), template.path(), body);
            accepted += response.status() < 300 ? 1 : 0;
            refused += response.status() == 400 ? 1 : 0;
            String problem = problem(response);
            if (problem != null) {
                problems.add("case " + i + ": " + template.method() + " " + template.path() + " " + abbreviated(body)
                        + " -> " + response.status() + " " + abbreviated(response.body()) + ": " + problem);
            }
        }

        assertThat(problems).as("seed %d", SEED).isEmpty();
        // the mutations reach the handlers: some still pass, most are refused as bad input (not as unsigned)
        assertThat(accepted).as("accepted").isGreaterThan(CASES / 50);
        assertThat(refused).as("refused with 400").isGreaterThan(CASES / 2);
        assertThat(api.createGaCall("+15550100001", app.callbackUri())).as("a call after the fuzzing").isNotBlank();
    }

    /** Why an answer is wrong: a 5xx, or an error that is not ACS's JSON error. */
    private static String problem(SignedClient.Response response) {
        if (response.status() >= 500) {
            return "a server error";
        }
        if (response.status() >= 400) {
            try {
                Object json = new JsonObject(response.body()).getValue("error");
                JsonObject error = json instanceof JsonObject object ? object : new JsonObject(response.body());
                if (error.getString("code") == null || error.getString("message") == null) {
                    return "an error without code and message";
                }
            } catch (RuntimeException e) {
                return "an error body that is not JSON";
            }
        }
        return null;
    }

    /** The template's body with one to three mutations, or (rarely) mangled as text. */
    private static String mutated(JsonObject template, Random random) {
        JsonObject body = template.copy();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            mutate(body, random);
        }
        String text = body.encode();
        return switch (random.nextInt(20)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> text.replaceFirst("\"", "");
            case 2 -> "[" + text + "]";
            case 3 -> text + text;
            default -> text;
        };
    }

    /** Changes one field somewhere in the object: removes it, or gives it another value. */
    private static void mutate(JsonObject object, Random random) {
        List<String> names = new ArrayList<>(object.fieldNames());
        if (names.isEmpty()) {
            object.put("x", value(random));
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        Object current = object.getValue(name);
        if (current instanceof JsonObject inner && random.nextBoolean()) {
            mutate(inner, random);
        } else if (current instanceof JsonArray array && !array.isEmpty() && random.nextBoolean()) {
            Object element = array.getValue(random.nextInt(array.size()));
            if (element instanceof JsonObject inner) {
                mutate(inner, random);
            } else {
                array.add(value(random));
            }
        } else if (random.nextInt(4) == 0) {
            object.remove(name);
        } else {
            object.put(name, value(random));
        }
    }

    private static Object value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> random.nextLong();
            case 2 -> -1;
            case 3 -> random.nextDouble() * 1e12;
            case 4 -> random.nextBoolean();
            case 5 -> "";
            case 6 -> "x".repeat(random.nextInt(20_000));
            case 7 -> "\u0000\uD83D\uDE00<script>'\"%s%n";
            case 8 -> new JsonArray().add(random.nextInt()).add("a").addNull();
            case 9 -> new JsonObject().put("kind", "phoneNumber").put("rawId", "4:+1555");
            case 10 -> nested(random.nextInt(100));
            default -> "http://169.254.169.254/latest/meta-data/";
        };
    }

    private static Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = new JsonObject().put("a", value);
        }
        return value;
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
