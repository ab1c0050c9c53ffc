package io.switchboard.adapter.speech;

import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Speech;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark, not a test: the embedded recognizer (Sphinx4) on choices said over a telephone line.
 * <ol>
 *   <li>Accuracy: a 6-choice menu, each phrase said by the embedded voice at 3 rates and 3 pitches, at two line
 *   levels, through G.711 μ-law, on a quiet line and with line noise: exact choices out of all.</li>
 *   <li>Decoding time per utterance, alone (what follows the end silence before {@code RecognizeCompleted}).</li>
 *   <li>Load: N callers each answering a menu every few seconds, for a while: decoding latency (queue included) and
 *   how many answers a second one decoder keeps up with.</li>
 * </ol>
 * Usage: bench/speech/recognize.sh [callers=50] [seconds=30]
 */
public final class RecognitionBenchmark {

    static final List<Choice> MENU = List.of(
            new Choice("Billing", List.of("billing"), Optional.empty()),
            new Choice("Support", List.of("technical support"), Optional.empty()),
            new Choice("Sales", List.of("sales"), Optional.empty()),
            new Choice("Close", List.of("cancel my account"), Optional.empty()),
            new Choice("Agent", List.of("speak to an agent"), Optional.empty()),
            new Choice("Repeat", List.of("repeat the menu"), Optional.empty()));
    private static final double[] RATES = {0.85, 1.0, 1.2};
    private static final double[] PITCHES = {0.8, 1.0, 1.3};
    private static final double[] LEVELS = {1.0, 0.35};

    private RecognitionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        try (FreeTtsSynthesizer voice = FreeTtsSynthesizer.start(1, 64L * 1024 * 1024);
             SphinxRecognizer recognizer = SphinxRecognizer.start(10_000)) {
            List<short[]> corpus = corpus(voice, 0);
            recognize(recognizer, corpus.get(corpus.size() - 1)); // loads the decoder
            System.out.printf("cores=%d; corpus: 6 choices x 3 rates x 3 pitches x 2 levels = 108 utterances, "
                    + "G.711 mu-law%n", Runtime.getRuntime().availableProcessors());
            accuracy(recognizer, corpus, "quiet line");
            accuracy(recognizer, corpus(voice, 30), "line noise at -60 dBFS");
            load(recognizer, corpus, callers, seconds);
        }
    }

    private static List<short[]> corpus(FreeTtsSynthesizer voice, double noise) throws Exception {
        Random random = new Random(42);
        List<short[]> corpus = new ArrayList<>();
        for (Choice choice : MENU) {
            for (double rate : RATES) {
                for (double pitch : PITCHES) {
                    short[] said = say(voice, choice.phrases().get(0), rate, pitch);
                    for (double level : LEVELS) {
                        corpus.add(line(said, level, noise, random));
                    }
                }
            }
        }
        return corpus;
    }

    /** Each utterance is the phrase of choice {@code index / 18}. */
    private static void accuracy(SphinxRecognizer recognizer, List<short[]> corpus, String name) throws Exception {
        int exact = 0;
        long[] decode = new long[corpus.size()];
        Map<String, Integer> misses = new TreeMap<>();
        int each = corpus.size() / MENU.size();
        for (int i = 0; i < corpus.size(); i++) {
            String expected = MENU.get(i / each).phrases().get(0);
            long start = System.nanoTime();
            RecognizedSpeech heard = recognize(recognizer, corpus.get(i));
            decode[i] = System.nanoTime() - start;
            if (heard.text().equals(expected)) {
                exact++;
            } else {
                misses.merge(expected + " -> '" + heard.text() + "'", 1, Integer::sum);
            }
        }
        System.out.printf("%s: %d/%d exact (%.1f %%); misses: %s%n", name, exact, corpus.size(),
                100.0 * exact / corpus.size(), misses);
        System.out.printf("  decoding alone ms: p50=%.1f p99=%.1f max=%.1f (mean utterance %.0f ms of audio)%n",
                ms(percentile(decode, 50)), ms(percentile(decode, 99)), ms(percentile(decode, 100)),
                corpus.stream().mapToInt(s -> s.length).average().orElse(0) / 8);
    }

    /** {@code callers} each answer every 3 to 6 s (at random) for {@code seconds}. */
    private static void load(SphinxRecognizer recognizer, List<short[]> corpus, int callers, int seconds)
            throws Exception {
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        Random random = new Random(7);
        long processCpuBefore = processCpu();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            CompletableFuture<Void> caller = new CompletableFuture<>();
            done.add(caller);
            Runnable[] answer = new Runnable[1];
            short[] said = corpus.get(random.nextInt(corpus.size()));
            answer[0] = () -> {
                if (System.nanoTime() > end) {
                    caller.complete(null);
                    return;
                }
                long start = System.nanoTime();
                recognizer.recognize(new Utterance(said, MENU, Optional.empty())).whenComplete((heard, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else {
                        latencies.add(System.nanoTime() - start);
                    }
                    clock.schedule(answer[0], 3000 + random.nextInt(3000), TimeUnit.MILLISECONDS);
                });
            };
            clock.schedule(answer[0], random.nextInt(3000), TimeUnit.MILLISECONDS);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
        clock.shutdown();
        long[] all = latencies.stream().mapToLong(Long::longValue).toArray();
        double cpuSeconds = (processCpu() - processCpuBefore) / 1e9;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("load: %d callers answering every 3-6 s for %d s: %d answers (%.1f/s), %d failed; "
                + "decoding latency with queueing ms: p50=%.1f p99=%.1f max=%.1f; CPU %.2f s per s; heap after "
                + "GC %d MB (the decoder's model is shared: a recognition holds only its utterance)%n",
                callers, seconds, all.length, all.length / (double) seconds, failed.get(), ms(percentile(all, 50)),
                ms(percentile(all, 99)), ms(percentile(all, 100)), cpuSeconds / seconds, heap >> 20);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static short[] say(FreeTtsSynthesizer voice, String text, double rate, double pitch) throws Exception {
        return voice.synthesize(new Speech(List.of(new Speech.Words(text, rate, pitch, 1)), Optional.empty(),
                Optional.empty()), text + rate + pitch).toCompletableFuture().get(30, TimeUnit.SECONDS).samples();
    }

    /**
     * What the endpointer hands over: 500 ms before the speech and 300 ms after, at {@code level}, with line noise of
     * standard deviation {@code noise}, through μ-law.
     */
    private static short[] line(short[] speech, double level, double noise, Random random) {
        short[] out = new short[4000 + speech.length + 2400];
        for (int i = 0; i < out.length; i++) {
            int at = i - 4000;
            double sample = (at >= 0 && at < speech.length ? speech[at] * level : 0) + random.nextGaussian() * noise;
            out[i] = SphinxRecognizerTest.G711.muLawRoundTrip((short) Math.max(-32768, Math.min(32767, sample)));
        }
        return out;
    }

    private static RecognizedSpeech recognize(SphinxRecognizer recognizer, short[] samples) throws Exception {
        return recognizer.recognize(new Utterance(samples, MENU, Optional.empty())).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    private static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
