package io.switchboard.app;

import java.util.Objects;

/**
 * Which speech engines run on this machine, when no remote service is configured instead.
 *
 * @param synthesizer {@code freetts} (embedded, the default) or {@code espeak-ng} (installed)
 * @param voice       espeak-ng's voice, e.g. {@code en-us}
 * @param recognizer  {@code sphinx4} (embedded, the default) or {@code pocketsphinx} (installed)
 */
public record EngineSettings(String synthesizer, String voice, String recognizer) {

    public EngineSettings {
        Objects.requireNonNull(synthesizer, "synthesizer");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(recognizer, "recognizer");
    }
}
