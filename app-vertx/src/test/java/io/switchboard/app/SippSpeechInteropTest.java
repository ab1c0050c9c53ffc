package io.switchboard.app;

import io.switchboard.adapter.speech.FreeTtsSynthesizer;
import io.switchboard.domain.media.Speech;
import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spoken choice over SIP: the SIPp callee says "technical support" (speech synthesized here, sent as PCMU RTP by
 * SIPp's {@code play_pcap_audio}) after the server's text prompt; the embedded recognizer must choose the Support
 * choice. Runs only with {@code -Dinterop=true} ({@code interop/sipp/run.sh}).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class SippSpeechInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "c2lwcC1zcGVlY2gtaW50ZXJvcC10ZXN0LWtleS0xMjM=";
    private static final String CALLEE = "+14255550123";
    private static final String VERSION = SignedClient.GA_VERSION;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path scenarios;
    private static CallbackReceiver app;

    @BeforeAll
    static void start() throws Exception {
        app = new CallbackReceiver();
        Files.copy(SippTrunk.SCENARIOS.resolve("uas_answer_speech.xml"), scenarios.resolve("uas_answer_speech.xml"));
        FreeTtsSynthesizer voice = FreeTtsSynthesizer.start(1, 1 << 20);
        try {
            short[] said = voice.synthesize(new Speech(List.of(new Speech.Words("technical support", 1, 1, 1)),
                    Optional.empty(), Optional.empty()), "callee").toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .samples();
            short[] withSilence = new short[4000 + said.length + 12000];
            System.arraycopy(said, 0, withSilence, 4000, said.length);
            SpeechPcap.write(scenarios.resolve("speech_pcmu.pcap"), withSilence);
        } finally {
            voice.close();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void theCalleeSaysTheChoiceItWants() throws Exception {
        try (SippTrunk trunk = SippTrunk.start(scenarios, "uas_answer_speech.xml", 1, dataDir, KEY, "43300-43399")) {
            // given
            SignedClient api = trunk.api;
            String call = api.createGaCall(CALLEE, app.callbackUri());
            app.awaitEvent(call, "CallConnected", WAIT);

            // when
            SignedClient.Response accepted = api.send("POST", "/calling/callConnections/" + call + ":recognize"
                    + VERSION, """
                    {"recognizeInputType":"choices","operationContext":"menu",
                     "playPrompt":{"kind":"text","text":{"text":"Billing or technical support?"}},
                     "recognizeOptions":{"targetParticipant":{"kind":"phoneNumber","phoneNumber":{"value":"%s"}},
                       "initialSilenceTimeoutInSeconds":15,
                       "choices":[{"label":"Billing","phrases":["billing","pay my bill"],"tone":"one"},
                                  {"label":"Support","phrases":["technical support","help"],"tone":"two"}]}}
                    """.formatted(CALLEE));
            List<JsonObject> events = app.awaitEvent(call, "RecognizeCompleted", WAIT);
            api.send("POST", "/calling/callConnections/" + call + ":terminate" + VERSION, "{}");
            app.awaitEvent(call, "CallDisconnected", WAIT);

            // then
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonObject completed = events.stream().filter(e -> CallbackReceiver.name(e).equals("RecognizeCompleted"))
                    .findFirst().orElseThrow().getJsonObject("data");
            assertThat(completed.getJsonObject("choiceResult").getString("label")).isEqualTo("Support");
            assertThat(completed.getJsonObject("choiceResult").getString("recognizedPhrase"))
                    .isEqualTo("technical support");
            assertThat(trunk.sipp.awaitExit(WAIT)).as(trunk.sipp.output()).isZero();
        }
    }
}
