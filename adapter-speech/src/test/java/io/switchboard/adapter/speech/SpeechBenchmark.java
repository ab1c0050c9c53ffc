package io.switchboard.adapter.speech;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test: how long the embedded engine takes to say a 10-word sentence it has not said before (what
 * a {@code :play} of an uncached TextSource waits for before its first RTP packet), and one it has (the cache).
 * Usage: bench/speech/run.sh [sentences=200] [warmup=20]
 */
public final class SpeechBenchmark {

    private static final String[] WORDS = {"power", "is", "out", "in", "your", "area", "please", "press", "one", "to",
        "confirm", "the", "crew", "will", "call", "back", "within", "two", "hours", "thank", "you", "water", "main",
        "street", "north", "fire", "alarm", "drill", "today", "at", "noon"};

    private SpeechBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sentences = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (FreeTtsSynthesizer engine = FreeTtsSynthesizer.start(1, 256L * 1024 * 1024)) {
            for (int i = 0; i < warmup; i++) {
                say(engine, sentence(100_000 + i), "warm-" + i);
            }
            long[] uncached = new long[sentences];
            long audioMillis = 0;
            for (int i = 0; i < sentences; i++) {
                long start = System.nanoTime();
                AudioClip clip = say(engine, sentence(i), "s-" + i);
                uncached[i] = System.nanoTime() - start;
                audioMillis += clip.durationMillis();
            }
            long[] cached = new long[sentences];
            for (int i = 0; i < sentences; i++) {
                long start = System.nanoTime();
                say(engine, sentence(i), "s-" + i);
                cached[i] = System.nanoTime() - start;
            }
            long total = Arrays.stream(uncached).sum();
            System.out.printf("sentences=%d (10 words each), warmup=%d, cores=%d%n", sentences, warmup,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("uncached synthesis ms: p50=%.1f p99=%.1f max=%.1f; audio %.1f s per s of synthesis "
                    + "(one thread)%n", ms(percentile(uncached, 50)), ms(percentile(uncached, 99)),
                    ms(percentile(uncached, 100)), audioMillis / 1000.0 / (total / 1e9));
            System.out.printf("cached ms: p50=%.3f p99=%.3f%n", ms(percentile(cached, 50)),
                    ms(percentile(cached, 99)));
        }
    }

    private static AudioClip say(FreeTtsSynthesizer engine, String text, String key) throws Exception {
        Speech speech = new Speech(List.of(new Speech.Words(text, 1, 1, 1)), Optional.empty(), Optional.empty());
        return engine.synthesize(speech, key).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A different 10-word sentence for each n. */
    private static String sentence(int n) {
        StringBuilder text = new StringBuilder();
        long seed = n * 2654435761L + 12345;
        for (int i = 0; i < 10; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            text.append(i == 0 ? "" : " ").append(WORDS[(int) Math.floorMod(seed >>> 33, WORDS.length)]);
        }
        return text + ".";
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
