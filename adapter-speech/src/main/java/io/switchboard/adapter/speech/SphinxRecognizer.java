package io.switchboard.adapter.speech;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.frontend.Data;
import edu.cmu.sphinx.frontend.DataEndSignal;
import edu.cmu.sphinx.frontend.FrontEnd;
import edu.cmu.sphinx.jsgf.JSGFGrammar;
import edu.cmu.sphinx.linguist.dictionary.Dictionary;
import edu.cmu.sphinx.linguist.dictionary.TextDictionary;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.result.WordResult;
import edu.cmu.sphinx.util.LogMath;
import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.RecognizedSpeech;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The embedded speech recognizer: Sphinx4 (pure Java, from Maven Central, its en-US model inside the jar), so that a
 * fresh machine understands speech with nothing else installed. Choices are recognized against a JSGF grammar of
 * their phrases (exact, fast: about 20 ms an utterance); free speech against Sphinx4's general English language
 * model, which is slow (about a third of real time on two cores) and weak: say so to users, and point them to a
 * better engine. Each kind has its own decoder and thread (a Sphinx4 decoder is not thread-safe); the free-speech
 * decoder, about 350 MB, is loaded on first use. The telephone's 8 kHz audio is doubled to the model's 16 kHz.
 *
 * <p>Words a phrase uses that the dictionary does not know are left out of the grammar (logged): a choice whose
 * phrases are all unknown can still be chosen by its key.
 */
public final class SphinxRecognizer implements SpeechRecognizer, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SphinxRecognizer.class.getName());
    private static final String MODELS = "resource:/edu/cmu/sphinx/models/en-us/";
    private static final String GRAMMAR = "choices";
    /** Sphinx4 logs under its configuration's name, and a few of its parts under their own. */
    private static final List<Logger> QUIETED = Stream.of("default.config", "MelFrequencyFilterBank", "Lifter",
            "DiscreteCosineTransform2").map(Logger::getLogger).toList();

    private final Path grammars;
    private final int maxQueued;
    private final ExecutorService choicesThread;
    private final ExecutorService speechThread;
    private Decoder choices; // choices thread only
    private Decoder dictation; // speech thread only

    private SphinxRecognizer(Path grammars, int maxQueued) {
        this.grammars = grammars;
        this.maxQueued = maxQueued;
        this.choicesThread = thread("speech-choices");
        this.speechThread = thread("speech-dictation");
    }

    /**
     * Starts the recognizer; its decoders load on first use (choices about 1.5 s and 100 MB, free speech about 3 s and
     * 350 MB), or on {@link #warmUp()}.
     *
     * @param maxQueued utterances waiting per decoder beyond which recognitions fail at once as busy
     */
    public static SphinxRecognizer start(int maxQueued) {
        quietSphinxLogs();
        try {
            return new SphinxRecognizer(Files.createTempDirectory("switchboard-grammar"), maxQueued);
        } catch (IOException e) {
            throw new UncheckedIOException("no directory for speech grammars", e);
        }
    }

    /**
     * Loads both decoders in the background, so that the first recognitions do not wait for them.
     *
     * @return completes once both are loaded
     */
    public CompletableFuture<Void> warmUp() {
        return CompletableFuture.allOf(CompletableFuture.runAsync(this::choicesDecoder, choicesThread),
                CompletableFuture.runAsync(this::dictationDecoder, speechThread));
    }

    @Override
    public Set<String> locales() {
        return Set.of("en-US");
    }

    @Override
    public CompletionStage<RecognizedSpeech> recognize(Utterance utterance) {
        boolean choosing = !utterance.choices().isEmpty();
        ExecutorService thread = choosing ? choicesThread : speechThread;
        CompletableFuture<RecognizedSpeech> result = new CompletableFuture<>();
        try {
            if (((ThreadPoolExecutor) thread).getQueue().size() >= maxQueued) {
                throw new RejectedExecutionException("busy");
            }
            thread.execute(() -> {
                try {
                    result.complete(choosing ? choicesDecoder().choose(utterance) : dictationDecoder().transcribe(
                            utterance));
                } catch (RuntimeException | Error e) {
                    // a decoder that failed may hold half an utterance: the next recognition gets a new one
                    if (choosing) {
                        choices = null;
                    } else {
                        dictation = null;
                    }
                    LOG.log(Level.WARNING, "speech not recognized: " + e);
                    result.completeExceptionally(new SpeechUnavailableException("the recognizer failed: " + e, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SpeechUnavailableException(
                    thread.isShutdown() ? "the speech recognizer is shut down"
                            : "the speech recognizer is busy (" + maxQueued + " utterances waiting)"));
        }
        return result;
    }

    /** Stops the decoder threads (what is under way finishes) and removes the grammar files. */
    @Override
    public void close() {
        choicesThread.shutdown();
        speechThread.shutdown();
        try {
            choicesThread.awaitTermination(5, TimeUnit.SECONDS);
            speechThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.list(grammars)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(grammars);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "grammar directory " + grammars + " not removed: " + e);
        }
    }

    private Decoder choicesDecoder() {
        if (choices == null) {
            choices = Decoder.forChoices(grammars);
        }
        return choices;
    }

    private Decoder dictationDecoder() {
        if (dictation == null) {
            long started = System.nanoTime();
            dictation = Decoder.forDictation();
            LOG.log(Level.INFO, "speech recognizer: free-speech model loaded in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        return dictation;
    }

    private static ExecutorService thread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sphinx4 configures its own console logging, at INFO, unless the JDK's logging was configured from a file: it
     * is told that it was (the JDK's own default file, which is what the JDK read anyway), and its loggers are set to
     * warnings only. The JDK's log manager is set up first, so the property changes nothing for it.
     */
    private static void quietSphinxLogs() {
        LogManager.getLogManager();
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            System.setProperty("java.util.logging.config.file",
                    Path.of(System.getProperty("java.home"), "conf", "logging.properties").toString());
        }
        QUIETED.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    }

    /** One Sphinx4 decoder: its context, recognizer, and for choices its grammar. Confined to one thread. */
    private static final class Decoder {
        private final Context context;
        private final Recognizer recognizer;
        private final Dictionary dictionary;
        private final JSGFGrammar grammar;
        private final Path grammars;
        private String loadedGrammar = "";
        private Map<String, String> phrases = Map.of();

        private Decoder(Context context, Path grammars, boolean choosing) {
            this.context = context;
            this.grammars = grammars;
            this.recognizer = context.getInstance(Recognizer.class);
            this.dictionary = context.getInstance(TextDictionary.class);
            this.grammar = choosing ? context.getInstance(JSGFGrammar.class) : null;
            recognizer.allocate();
            decode(buzz());
        }

        /**
         * Two seconds with a buzz in the middle. Sphinx4's front end must have found speech once before it is given
         * an utterance without any (silence, a click): otherwise it stops reading input for good, and every later
         * utterance is heard as nothing. Each decoder decodes this once, when made.
         */
        private static short[] buzz() {
            short[] samples = new short[16000];
            for (int i = 4000; i < 12000; i++) {
                samples[i] = (short) ((i * 150 / 8 % 1000 - 500) * 8 * Math.sin(i / 300.0));
            }
            return samples;
        }

        static Decoder forChoices(Path grammars) {
            Configuration configuration = base();
            try {
                Files.writeString(grammars.resolve(GRAMMAR + ".gram"), jsgf(List.of("yes", "no")));
                configuration.setGrammarPath(grammars.toUri().toString());
                configuration.setGrammarName(GRAMMAR);
                configuration.setUseGrammar(true);
                return new Decoder(new Context(configuration), grammars, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Decoder forDictation() {
            Configuration configuration = base();
            configuration.setLanguageModelPath(MODELS + "en-us.lm.bin");
            try {
                Context context = new Context(configuration);
                // narrower beams than Sphinx4's defaults: about 10 times faster, hardly less accurate on short
                // answers
                context.setLocalProperty("activeList->absoluteBeamWidth", 2000);
                context.setLocalProperty("standardActiveListFactory->absoluteBeamWidth", 2000);
                context.setLocalProperty("wordActiveListFactory->absoluteBeamWidth", 50);
                return new Decoder(context, null, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Configuration base() {
            Configuration configuration = new Configuration();
            configuration.setAcousticModelPath(MODELS + "en-us");
            configuration.setDictionaryPath(MODELS + "cmudict-en-us.dict");
            return configuration;
        }

        /** One of the choices' phrases, as given, or empty text. */
        RecognizedSpeech choose(Utterance utterance) {
            load(utterance.choices());
            if (phrases.isEmpty()) {
                return RecognizedSpeech.unscored("");
            }
            RecognizedSpeech heard = decode(utterance.samples());
            return new RecognizedSpeech(phrases.getOrDefault(heard.text(), ""), heard.confidence());
        }

        RecognizedSpeech transcribe(Utterance utterance) {
            return decode(utterance.samples());
        }

        /**
         * The words heard (without fillers and unknown-word marks) and their mean posterior confidence; free speech
         * often ends without a complete word lattice, and is then left unscored.
         */
        private RecognizedSpeech decode(short[] samples) {
            context.setSpeechSource(new ByteArrayInputStream(upsampled(samples)));
            List<String> words = new ArrayList<>();
            double confidence = 0;
            int counted = 0;
            boolean scored = true;
            LogMath logMath = LogMath.getLogMath();
            for (Result result = recognizer.recognize(); result != null; result = recognizer.recognize()) {
                SpeechResult speech = new SpeechResult(result);
                // against a grammar only a path that reached its end is an answer; free speech often has none
                String hypothesis = grammar != null ? result.getBestFinalResultNoFiller() : speech.getHypothesis();
                Stream.of(hypothesis.split(" ")).filter(w -> !w.isBlank() && !w.startsWith("<")
                        && !w.startsWith("[")).forEach(words::add);
                try {
                    for (WordResult word : speech.getWords()) {
                        String spelling = word.getWord().getSpelling();
                        if (!word.getWord().isFiller() && !spelling.startsWith("<") && !spelling.startsWith("[")) {
                            confidence += Math.min(1, Math.max(0, logMath.logToLinear((float) word.getConfidence())));
                            counted++;
                        }
                    }
                } catch (RuntimeException noLattice) {
                    scored = false;
                }
            }
            drain();
            String text = String.join(" ", words);
            return scored && counted > 0 ? new RecognizedSpeech(text, confidence / counted)
                    : RecognizedSpeech.unscored(text);
        }

        /**
         * Reads what the front end still holds of this utterance: when Sphinx4's own speech marker finds no speech in
         * it, the rest stays queued and would spoil every later utterance.
         */
        private void drain() {
            FrontEnd frontEnd = context.getInstance(FrontEnd.class);
            for (Data data = frontEnd.getData(); data != null && !(data instanceof DataEndSignal);
                 data = frontEnd.getData()) {
                // discarded
            }
        }

        /** Makes the grammar of these choices the one decoded against, unless it already is. */
        private void load(List<Choice> choices) {
            Map<String, String> known = new LinkedHashMap<>();
            for (Choice choice : choices) {
                for (String phrase : Utterance.phrasesOf(choice)) {
                    String words = Choice.words(phrase);
                    if (!words.isEmpty() && Stream.of(words.split(" ")).allMatch(w -> dictionary.getWord(w) != null)) {
                        known.putIfAbsent(words, phrase);
                    } else {
                        LOG.log(Level.WARNING, "speech recognizer: \"" + phrase + "\" has words it does not know; "
                                + "it can only be chosen by its key");
                    }
                }
            }
            List<String> alternatives = known.keySet().stream().sorted(Comparator.naturalOrder()).toList();
            String text = jsgf(alternatives);
            phrases = known;
            if (alternatives.isEmpty() || text.equals(loadedGrammar)) {
                return;
            }
            try {
                Files.writeString(grammars.resolve(GRAMMAR + ".gram"), text);
                grammar.loadJSGF(GRAMMAR);
                loadedGrammar = text;
            } catch (IOException | RuntimeException | edu.cmu.sphinx.jsgf.JSGFGrammarException
                     | edu.cmu.sphinx.jsgf.JSGFGrammarParseException e) {
                loadedGrammar = "";
                throw new IllegalStateException("grammar not loaded: " + e, e);
            }
        }


        private static String jsgf(List<String> alternatives) {
            return "#JSGF V1.0;\ngrammar " + GRAMMAR + ";\npublic <choice> = "
                    + String.join(" | ", alternatives) + ";\n";
        }

        /**
         * 8 kHz samples as 16 kHz little-endian 16-bit PCM, by linear interpolation, with ±1 of dither: digital
         * silence (a μ-law line's pauses) would otherwise give the front end the logarithm of zero.
         */
        static byte[] upsampled(short[] samples) {
            byte[] out = new byte[samples.length * 4];
            int noise = 0x2545F491;
            for (int i = 0, o = 0; i < samples.length; i++) {
                int here = samples[i];
                int next = i + 1 < samples.length ? samples[i + 1] : here;
                noise ^= noise << 13;
                noise ^= noise >>> 17;
                noise ^= noise << 5;
                int first = clip(here + (noise & 1) * 2 - 1);
                int between = clip((here + next) / 2 + ((noise >>> 1) & 1) * 2 - 1);
                out[o++] = (byte) first;
                out[o++] = (byte) (first >> 8);
                out[o++] = (byte) between;
                out[o++] = (byte) (between >> 8);
            }
            return out;
        }

        private static int clip(int sample) {
            return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        }
    }
}
