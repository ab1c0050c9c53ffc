package io.switchboard.application.fakes;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Speech;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Speaks en-US at once: 20 ms of audio per character said; remembers what it was asked. */
public final class FakeSpeechSynthesizer implements SpeechSynthesizer {

    private final List<Speech> spoken = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public CompletionStage<AudioClip> synthesize(Speech speech, String cacheKey) {
        spoken.add(speech);
        if (failing) {
            return CompletableFuture.failedFuture(new AudioUnavailableException(
                    ResultInformation.synthesisFailed("the engine is down")));
        }
        return CompletableFuture.completedFuture(new AudioClip("tts:" + cacheKey,
                new short[160 * Math.max(1, speech.text().length())]));
    }

    @Override
    public Set<String> locales() {
        return Set.of("en-US");
    }

    public void failFromNowOn() {
        failing = true;
    }

    public List<Speech> spoken() {
        return List.copyOf(spoken);
    }
}
