package io.switchboard.application.service;

import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.SpeechOptions;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live transcription of one leg: utterance after utterance found by an {@link Endpointer}, each handed to the
 * recognizer, and what it heard handed on as a final result with its place in the stream: where the speech began
 * and how long it lasted, the silence the recognizer is also given around it left out. An utterance the
 * recognizer fails on (busy, timed out) is skipped, and logged once per leg: the transcription goes on.
 *
 * <p>Threading: {@link #frame} is called by telephony's audio thread, one frame at a time; results come on the
 * recognizer's thread.
 */
final class Transcriber {

    private static final System.Logger LOG = System.getLogger(Transcriber.class.getName());
    private static final SpeechOptions PAUSE = SpeechOptions.DEFAULT;

    /** What was said, where in the stream: from {@code offset} after it began, for {@code length}. */
    interface Sink {
        void said(RecognizedSpeech speech, Duration offset, Duration length);
    }

    private final String who;
    private final Supplier<String> locale;
    private final SpeechRecognizer recognizer;
    private final Sink sink;
    private Endpointer endpointer = new Endpointer(PAUSE);
    private long frames;
    private long startedAt; // ms into the stream where the current utterance's speech began
    private volatile boolean warned;

    Transcriber(String who, Supplier<String> locale, SpeechRecognizer recognizer, Sink sink) {
        this.who = who;
        this.locale = locale;
        this.recognizer = recognizer;
        this.sink = sink;
    }

    void frame(short[] samples) {
        frames++;
        Endpointer.Step step = endpointer.accept(samples);
        if (step == Endpointer.Step.STARTED) {
            startedAt = (frames - Endpointer.START_FRAMES) * 20;
        }
        if (step != Endpointer.Step.ENDED) {
            return;
        }
        short[] utterance = endpointer.utterance();
        long endedAt = frames * 20 - endpointer.trailingSilenceMillis();
        endpointer = new Endpointer(PAUSE);
        Duration offset = Duration.ofMillis(startedAt);
        Duration length = Duration.ofMillis(endedAt - startedAt);
        recognizer.recognize(new Utterance(utterance, List.of(), Optional.of(locale.get()))).toCompletableFuture()
                .orTimeout(SpeechListening.RECOGNITION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((speech, error) -> {
                    if (error == null && !speech.text().isBlank()) {
                        sink.said(speech, offset, length);
                    } else if (error != null && !warned) {
                        warned = true;
                        LOG.log(Level.WARNING, "{0}: an utterance was not transcribed (further ones are not "
                                + "logged): {1}", who, String.valueOf(error.getMessage()));
                    }
                });
    }
}
