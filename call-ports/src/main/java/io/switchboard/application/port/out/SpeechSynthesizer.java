package io.switchboard.application.port.out;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Turns speech into audio. Returns at once; the work happens off the caller's thread (never on an event loop or a
 * pacer). Thread-safe.
 */
public interface SpeechSynthesizer {

    /**
     * The audio of {@code speech}, at 8 kHz; {@code cacheKey} names it, so that the same speech asked for again, by
     * any call, is synthesized once. The stage fails (never throws) with {@link AudioUnavailableException} when the
     * engine cannot say it.
     */
    CompletionStage<AudioClip> synthesize(Speech speech, String cacheKey);

    /** The locales it speaks, BCP 47 ({@code en-US}); speech in another one is refused before it gets this far. */
    Set<String> locales();
}
