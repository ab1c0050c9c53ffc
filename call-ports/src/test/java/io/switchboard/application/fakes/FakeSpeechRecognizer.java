package io.switchboard.application.fakes;

import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.RecognizedSpeech;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recognizer that hears what the test says it hears, and keeps the utterances it was given. */
public final class FakeSpeechRecognizer implements SpeechRecognizer {

    private final List<Utterance> heard = new CopyOnWriteArrayList<>();
    private volatile RecognizedSpeech answer = new RecognizedSpeech("", 0);
    private volatile boolean failing;

    /** From now on every utterance is heard as {@code text}. */
    public void hears(String text, double confidence) {
        answer = new RecognizedSpeech(text, confidence);
        failing = false;
    }

    /** From now on every recognition fails. */
    public void fails() {
        failing = true;
    }

    public List<Utterance> utterances() {
        return List.copyOf(heard);
    }

    @Override
    public CompletionStage<RecognizedSpeech> recognize(Utterance utterance) {
        heard.add(utterance);
        return failing ? CompletableFuture.failedFuture(new SpeechUnavailableException("the engine is down"))
                : CompletableFuture.completedFuture(answer);
    }

    @Override
    public Set<String> locales() {
        return Set.of("en-US");
    }
}
