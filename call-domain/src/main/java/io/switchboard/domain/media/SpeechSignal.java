package io.switchboard.domain.media;

import io.switchboard.domain.call.ResultInformation;

import java.util.Objects;

/** What the listener of a recognition reports about the participant's speech. */
public sealed interface SpeechSignal {

    /** The participant started speaking. */
    record Started() implements SpeechSignal {
    }

    /** The participant stopped speaking, and this is what was said. */
    record Recognized(RecognizedSpeech speech) implements SpeechSignal {

        public Recognized {
            Objects.requireNonNull(speech, "speech");
        }
    }

    /** The speech could not be recognized (the engine failed or is unavailable). */
    record Failed(ResultInformation why) implements SpeechSignal {

        public Failed {
            Objects.requireNonNull(why, "why");
        }
    }

    static SpeechSignal started() {
        return new Started();
    }

    static SpeechSignal recognized(String text, double confidence) {
        return new Recognized(new RecognizedSpeech(text, confidence));
    }

    static SpeechSignal failed(ResultInformation why) {
        return new Failed(why);
    }
}
