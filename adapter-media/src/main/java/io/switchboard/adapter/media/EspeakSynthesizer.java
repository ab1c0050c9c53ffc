package io.switchboard.adapter.media;

import io.switchboard.domain.media.Speech;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Speech by espeak-ng, installed on the machine (Debian package {@code espeak-ng}): each run of words is one run of
 * {@code espeak-ng --stdout} with the configured voice, the run's rate (words per minute) and pitch; its 22 kHz WAV
 * is resampled to 8 kHz like audio files. Many languages (one voice each), clearer than the embedded voice at speed,
 * robotic all the same. Pauses, volume and caching as {@link PartwiseSynthesizer} does them; the program runs on
 * Vert.x workers, never an event loop.
 */
public final class EspeakSynthesizer extends PartwiseSynthesizer {

    /** espeak-ng's default rate, words per minute. */
    private static final int WORDS_PER_MINUTE = 175;
    private static final int DEFAULT_PITCH = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String program;
    private final String voice;
    private final Set<String> locales;

    private EspeakSynthesizer(Vertx vertx, String program, String voice, Set<String> locales, long cacheBytes) {
        super(vertx, cacheBytes);
        this.program = program;
        this.voice = voice;
        this.locales = Set.copyOf(locales);
    }

    /**
     * @param program the espeak-ng executable, e.g. {@code espeak-ng}
     * @param voice   the voice, e.g. {@code en-us}
     * @param locales the locales it speaks with that voice
     * @throws IllegalStateException if the program is not installed
     */
    public static EspeakSynthesizer create(Vertx vertx, String program, String voice, Set<String> locales,
                                           long cacheBytes) {
        Objects.requireNonNull(vertx, "vertx");
        if (!Programs.installed(program)) {
            throw new IllegalStateException(program + " is not installed (expected: apt-get install espeak-ng)");
        }
        return new EspeakSynthesizer(vertx, program, voice, locales, cacheBytes);
    }

    @Override
    public Set<String> locales() {
        return locales;
    }

    @Override
    String engine() {
        return program;
    }

    @Override
    Future<short[]> words(Speech.Words words) {
        int rate = (int) Math.round(Math.max(80, Math.min(450, WORDS_PER_MINUTE * words.rate())));
        int pitch = (int) Math.round(Math.max(0, Math.min(99, DEFAULT_PITCH * words.pitch())));
        List<String> command = List.of(program, "--stdout", "-v", voice, "-s", Integer.toString(rate), "-p",
                Integer.toString(pitch), "--", words.text());
        return vertx().executeBlocking(() -> Resampler.to8k(WavDecoder.decode(Programs.run(command, TIMEOUT))),
                false);
    }

    /** Drops the cache. */
    public void close() {
        clear();
    }
}
