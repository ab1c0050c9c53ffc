package io.switchboard.adapter.speech;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded speech engine: FreeTTS (pure Java, from Maven Central) with its 8 kHz en-US voice, so that a fresh
 * machine speaks with nothing else installed. One voice per synthesis thread (a FreeTTS voice is not thread-safe);
 * the threads are its own, never an event loop or a pacer. SSML has been read into words and pauses by the domain
 * ({@link Speech}); rate, pitch and volume apply per run of words. It has one voice: {@code voiceName} and
 * {@code voiceKind} select nothing. What it said is kept (least recently used first out, up to a bound) under the
 * source's cache key, so every call asking for the same speech gets the same clip, synthesized once.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FreeTtsSynthesizer.class.getName());
    private static final int RATE = 8000;
    private static final float WORDS_PER_MINUTE = 150f;

    private final ExecutorService threads;
    private final ThreadLocal<Speaker> speakers = ThreadLocal.withInitial(Speaker::new);
    private final Map<String, CompletableFuture<AudioClip>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AudioClip> said;
    private final long maxSamples;
    private long samplesKept;

    private FreeTtsSynthesizer(int threadCount, long maxSamples) {
        AtomicInteger next = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, task -> {
            Thread thread = new Thread(task, "speech-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        this.maxSamples = maxSamples;
        this.said = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Starts the engine.
     *
     * @param threadCount how many syntheses run at once (each holds a voice, about 10 MB)
     * @param cacheBytes  how much synthesized audio is kept for reuse
     */
    public static FreeTtsSynthesizer start(int threadCount, long cacheBytes) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount: " + threadCount + " (expected: at least 1)");
        }
        FreeTtsSynthesizer engine = new FreeTtsSynthesizer(threadCount, Math.max(0, cacheBytes / 2));
        // loading a voice takes about a second: done now, so that the first call's prompt does not wait for it
        for (int i = 0; i < threadCount; i++) {
            engine.threads.execute(engine.speakers::get);
        }
        return engine;
    }

    @Override
    public Set<String> locales() {
        return Set.of("en-US");
    }

    @Override
    public CompletionStage<AudioClip> synthesize(Speech speech, String cacheKey) {
        AudioClip kept = kept(cacheKey);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        CompletableFuture<AudioClip> mine = new CompletableFuture<>();
        CompletableFuture<AudioClip> running = inFlight.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return running;
        }
        try {
            threads.execute(() -> {
                try {
                    AudioClip clip = AudioClip.joined("tts:" + cacheKey, speakers.get().say(speech));
                    keep(cacheKey, clip);
                    mine.complete(clip);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "speech not synthesized: " + e);
                    mine.completeExceptionally(new AudioUnavailableException(
                            ResultInformation.synthesisFailed(String.valueOf(e.getMessage()))));
                } finally {
                    inFlight.remove(cacheKey, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(cacheKey, mine);
            mine.completeExceptionally(new AudioUnavailableException(
                    ResultInformation.synthesisFailed("the speech engine is shut down")));
        }
        return mine;
    }

    private synchronized AudioClip kept(String key) {
        return said.get(key);
    }

    private synchronized void keep(String key, AudioClip clip) {
        int size = clip.samples().length;
        if (size > maxSamples) {
            return;
        }
        if (said.put(key, clip) == null) {
            samplesKept += size;
        }
        var eldest = said.entrySet().iterator();
        while (samplesKept > maxSamples && eldest.hasNext()) {
            samplesKept -= eldest.next().getValue().samples().length;
            eldest.remove();
        }
    }

    /** Stops the synthesis threads; what is under way finishes. */
    @Override
    public void close() {
        threads.shutdown();
    }

    /** One thread's voice. */
    private static final class Speaker {
        /**
         * Voices are loaded one at a time: FreeTTS reads its shared letter-to-sound tables without a lock, and two
         * threads loading at once can corrupt them (seen as an IndexOutOfBoundsException in LetterToSoundImpl).
         */
        private static final Object LOADING = new Object();
        private final Voice voice;
        private final CapturedAudio audio = new CapturedAudio();
        private final float pitch;

        Speaker() {
            synchronized (LOADING) {
                voice = Arrays.stream(new KevinVoiceDirectory().getVoices()).filter(v -> v.getName().equals("kevin"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("FreeTTS has no kevin voice"));
                voice.allocate();
            }
            voice.setAudioPlayer(audio);
            pitch = voice.getPitch();
        }

        /** Every part's samples, in order. */
        List<short[]> say(Speech speech) {
            List<short[]> pieces = new ArrayList<>();
            for (Speech.Part part : speech.parts()) {
                pieces.add(part instanceof Speech.Words words ? words(words)
                        : new short[(int) (((Speech.Pause) part).length().toMillis() * RATE / 1000)]);
            }
            return pieces;
        }

        private short[] words(Speech.Words words) {
            voice.setRate((float) (WORDS_PER_MINUTE * words.rate()));
            voice.setPitch((float) (pitch * words.pitch()));
            voice.setVolume((float) Math.min(1, words.volume()));
            audio.setVolume((float) Math.max(1, words.volume()));
            audio.take();
            if (!voice.speak(words.text())) {
                throw new IllegalStateException("FreeTTS could not say \"" + words.text() + "\"");
            }
            short[] said = audio.take();
            return audio.rate() == RATE ? said : resampled(said, audio.rate());
        }

        /** Linear interpolation to 8 kHz; the voice used here already speaks at 8 kHz. */
        private static short[] resampled(short[] samples, int from) {
            short[] out = new short[(int) ((long) samples.length * RATE / from)];
            for (int i = 0; i < out.length; i++) {
                double position = (double) i * from / RATE;
                int left = (int) position;
                int right = Math.min(samples.length - 1, left + 1);
                double weight = position - left;
                out[i] = (short) Math.round(samples[left] * (1 - weight) + samples[right] * weight);
            }
            return out;
        }
    }
}
