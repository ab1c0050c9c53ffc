package io.switchboard.adapter.media;

import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.RecognizedSpeech;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Speech recognized by PocketSphinx, installed on the machine (Debian packages {@code pocketsphinx} and
 * {@code pocketsphinx-en-us}): each utterance is one run of {@code pocketsphinx_continuous -infile} on a 16 kHz WAV
 * file, with a JSGF grammar of the choices' phrases for choices and its en-US language model for free speech. The
 * same CMU models as the embedded engine, in C: faster on free speech, with a process per utterance. It gives no
 * confidence: results are unscored. Runs on its own threads (at most {@code threads} at once, {@code maxQueued}
 * waiting), never an event loop.
 */
public final class PocketsphinxRecognizer implements SpeechRecognizer, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PocketsphinxRecognizer.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String program;
    private final ThreadPoolExecutor threads;
    private final int maxQueued;

    private PocketsphinxRecognizer(String program, int threads, int maxQueued) {
        this.program = program;
        this.maxQueued = maxQueued;
        this.threads = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "pocketsphinx");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * @param program the pocketsphinx_continuous executable
     * @throws IllegalStateException if the program is not installed
     */
    public static PocketsphinxRecognizer start(String program, int threads, int maxQueued) {
        Objects.requireNonNull(program, "program");
        if (!Programs.installed(program)) {
            throw new IllegalStateException(program + " is not installed (expected: apt-get install pocketsphinx "
                    + "pocketsphinx-en-us)");
        }
        return new PocketsphinxRecognizer(program, threads, maxQueued);
    }

    @Override
    public Set<String> locales() {
        return Set.of("en-US");
    }

    @Override
    public CompletionStage<RecognizedSpeech> recognize(Utterance utterance) {
        CompletableFuture<RecognizedSpeech> result = new CompletableFuture<>();
        try {
            if (threads.getQueue().size() >= maxQueued) {
                throw new RejectedExecutionException("busy");
            }
            threads.execute(() -> {
                try {
                    result.complete(decode(utterance));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "pocketsphinx: " + e.getMessage());
                    result.completeExceptionally(new SpeechUnavailableException(program + ": " + e.getMessage(), e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SpeechUnavailableException(threads.isShutdown()
                    ? program + " is shut down" : program + " is busy (" + maxQueued + " utterances waiting)"));
        }
        return result;
    }

    @Override
    public void close() {
        threads.shutdown();
    }

    private RecognizedSpeech decode(Utterance utterance) throws IOException {
        Path directory = Files.createTempDirectory("switchboard-pocketsphinx");
        try {
            Path wav = directory.resolve("utterance.wav");
            Files.write(wav, HttpSpeechRecognizer.wav(Upsampler.to16k(utterance.samples()), 16000));
            List<String> command = new ArrayList<>(List.of(program, "-infile", wav.toString(), "-logfn",
                    "/dev/null"));
            Map<String, String> phrases = new LinkedHashMap<>();
            if (!utterance.choices().isEmpty()) {
                utterance.choices().forEach(choice -> Utterance.phrasesOf(choice).forEach(phrase -> {
                    String words = Choice.words(phrase);
                    if (!words.isEmpty()) {
                        phrases.putIfAbsent(words, phrase);
                    }
                }));
                Path grammar = directory.resolve("choices.gram");
                Files.writeString(grammar, "#JSGF V1.0;\ngrammar choices;\npublic <choice> = "
                        + String.join(" | ", phrases.keySet()) + ";\n");
                command.addAll(List.of("-jsgf", grammar.toString()));
            }
            String heard = new String(Programs.run(command, TIMEOUT), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(line -> !line.isEmpty()).reduce((a, b) -> a + " " + b).orElse("");
            if (utterance.choices().isEmpty()) {
                return RecognizedSpeech.unscored(heard);
            }
            return RecognizedSpeech.unscored(phrases.getOrDefault(Choice.words(heard), ""));
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }
}
