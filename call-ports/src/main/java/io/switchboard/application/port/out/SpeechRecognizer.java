package io.switchboard.application.port.out;

import io.switchboard.domain.media.RecognizedSpeech;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Turns one utterance into words. Returns at once; the work happens off the caller's thread (never on an event loop
 * or a pacer). Thread-safe.
 */
public interface SpeechRecognizer {

    /**
     * What was said: with choices, one of their phrases (or labels) exactly as given, or empty text if none was
     * said; without, the words heard (empty text if none). The stage fails (never throws) with
     * {@link SpeechUnavailableException} when the engine cannot recognize it.
     */
    CompletionStage<RecognizedSpeech> recognize(Utterance utterance);

    /** The languages it understands, BCP 47 ({@code en-US}); others are refused before they get this far. */
    Set<String> locales();
}
