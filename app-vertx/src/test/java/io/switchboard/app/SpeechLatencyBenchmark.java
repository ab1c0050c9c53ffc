package io.switchboard.app;

import io.switchboard.adapter.speech.FreeTtsSynthesizer;
import io.switchboard.domain.media.Speech;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test: end of caller speech to {@code RecognizeCompleted} at the application, over real SIP and
 * RTP. SIPp answers the calls ({@code uas_answer_speech.xml}); 4 s after our ACK each callee starts sending synthesized
 * speech ("technical support", after 500 ms of silence) as PCMU. Each call is recognizing a 3-choice menu (no prompt)
 * as soon as it is connected. The end of speech is taken as the call's {@code CallConnected} arrival + 4 s + 500 ms
 * + the phrase's audible length (the ACK goes out just before {@code CallConnected} is posted: the figure is a few
 * milliseconds high, never low). Calls are created at {@code perSecond}, so that their answers spread as real
 * callers' do; at once they queue for the recognizer. Prints p50/p99, how many were recognized right, and the
 * server's CPU. Usage: bench/speech/latency.sh [calls=50] [perSecond=5]
 */
public final class SpeechLatencyBenchmark {

    private static final String KEY = "c3BlZWNoLWxhdGVuY3ktYmVuY2htYXJrLWtleS0xMjM=";
    private static final long SIPP_PAUSE_MILLIS = 4000;
    private static final int LEAD_SAMPLES = 4000;

    private SpeechLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path scenarios = Files.createTempDirectory("speech-latency");
        Path data = Files.createTempDirectory("speech-latency-data");
        Files.copy(SippTrunk.SCENARIOS.resolve("uas_answer_speech.xml"), scenarios.resolve("uas_answer_speech.xml"));
        long speechMillis;
        FreeTtsSynthesizer voice = FreeTtsSynthesizer.start(1, 1 << 20);
        try {
            short[] said = voice.synthesize(new Speech(List.of(new Speech.Words("technical support", 1, 1, 1)),
                    Optional.empty(), Optional.empty()), "callee").toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .samples();
            speechMillis = audibleEnd(said) / 8;
            short[] line = new short[LEAD_SAMPLES + said.length + 12000];
            System.arraycopy(said, 0, line, LEAD_SAMPLES, said.length);
            SpeechPcap.write(scenarios.resolve("speech_pcmu.pcap"), line);
        } finally {
            voice.close();
        }
        try (CallbackReceiver app = new CallbackReceiver();
             SippTrunk trunk = SippTrunk.start(scenarios, "uas_answer_speech.xml", calls, data, KEY, "30000-30999")) {
            trunk.server.warmUp().get(60, TimeUnit.SECONDS);
            Map<String, Long> connected = new ConcurrentHashMap<>();
            List<String> ids = new ArrayList<>();
            long cpuBefore = processCpu();
            long started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long next = started + i * TimeUnit.SECONDS.toNanos(1) / perSecond;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime())); // paces the callers
                String number = "+1425555" + String.format("%04d", i);
                String call = trunk.api.createGaCall(number, app.callbackUri());
                ids.add(call);
                JsonObject event = await(app, call, "CallConnected", Duration.ofSeconds(30));
                connected.put(call, app.arrivedAt(event));
                trunk.api.send("POST", "/calling/callConnections/" + call + ":recognize" + SignedClient.GA_VERSION,
                        """
                        {"recognizeInputType":"choices","recognizeOptions":{"targetParticipant":{"kind":"phoneNumber",
                         "phoneNumber":{"value":"%s"}},"initialSilenceTimeoutInSeconds":15,
                         "choices":[{"label":"Billing","phrases":["billing"]},
                                    {"label":"Support","phrases":["technical support"]},
                                    {"label":"Sales","phrases":["sales"]}]}}
                        """.formatted(number));
            }
            long[] latencies = new long[calls];
            int right = 0;
            for (int i = 0; i < calls; i++) {
                String call = ids.get(i);
                JsonObject completed = await(app, call, "RecognizeCompleted", Duration.ofSeconds(30));
                long speechEnd = connected.get(call)
                        + TimeUnit.MILLISECONDS.toNanos(SIPP_PAUSE_MILLIS + LEAD_SAMPLES / 8 + speechMillis);
                latencies[i] = app.arrivedAt(completed) - speechEnd;
                if ("Support".equals(completed.getJsonObject("data").getJsonObject("choiceResult", new JsonObject())
                        .getString("label"))) {
                    right++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = (processCpu() - cpuBefore) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("calls=%d at %d/s, phrase %d ms; recognized right %d/%d; end of speech -> "
                    + "RecognizeCompleted ms: p50=%.0f p99=%.0f max=%.0f; process CPU %.2f s per s over %.1f s (server, SIPp's "
                    + "receiver side excluded)%n", calls, perSecond, speechMillis, right, calls, ms(latencies, 50),
                    ms(latencies, 99), latencies[calls - 1] / 1e6, cpu / seconds, seconds);
            for (String call : ids) {
                trunk.api.send("POST", "/calling/callConnections/" + call + ":terminate" + SignedClient.GA_VERSION,
                        "{}");
            }
        }
        System.exit(0);
    }

    private static JsonObject await(CallbackReceiver app, String call, String name, Duration timeout)
            throws Exception {
        app.awaitEvent(call, name, timeout);
        return app.eventsOf(call).stream().filter(e -> CallbackReceiver.name(e).equals(name)).findFirst()
                .orElseThrow();
    }

    /** The sample after the last one above -36 dBFS: where the voice's own trailing silence starts. */
    private static int audibleEnd(short[] samples) {
        for (int i = samples.length - 1; i >= 0; i--) {
            if (Math.abs(samples[i]) > 500) {
                return i + 1;
            }
        }
        return 0;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
