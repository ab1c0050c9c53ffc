package io.switchboard.client;

import io.switchboard.domain.media.Choice;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to recognize speech in the GA API: one of {@code choices} ({@code recognizeInputType: choices}, each said by one
 * of its phrases or chosen by its key), or free speech ({@code speech}) when there are none. Timeouts as ACS takes
 * them: the initial silence in whole seconds, the end silence in milliseconds.
 *
 * @param initialSilenceTimeout the longest silence before the participant speaks: 0 to 300 s
 * @param endSilence            the silence that ends free speech: 100 ms to 5 s
 * @param language              the language spoken (BCP 47); the server's default when empty
 * @param prompt                a file played first, if any
 * @param interruptPrompt       whether speech (or a choice's key) stops the prompt
 * @param operation             context and callback of {@code RecognizeCompleted}/{@code RecognizeFailed}
 */
public record GaSpeechRecognizeOptions(List<Choice> choices, Duration initialSilenceTimeout, Duration endSilence,
                                       Optional<String> language, Optional<URI> prompt, boolean interruptPrompt,
                                       GaOperationOptions operation) {

    public GaSpeechRecognizeOptions {
        choices = List.copyOf(choices);
        choices.forEach(choice -> {
            if (choice.phrases().isEmpty()) {
                throw new IllegalArgumentException("choices: " + choice.label() + " has no phrases (expected: at "
                        + "least one)");
            }
        });
        Objects.requireNonNull(initialSilenceTimeout, "initialSilenceTimeout");
        if (initialSilenceTimeout.toMillis() % 1000 != 0 || initialSilenceTimeout.toSeconds() > 300
                || initialSilenceTimeout.isNegative()) {
            throw new IllegalArgumentException("initialSilenceTimeout: " + initialSilenceTimeout
                    + " (expected: 0 to 300 whole seconds)");
        }
        Objects.requireNonNull(endSilence, "endSilence");
        if (endSilence.toMillis() < 100 || endSilence.toMillis() > 5000) {
            throw new IllegalArgumentException("endSilence: " + endSilence + " (expected: 100 ms to 5 s)");
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(prompt, "prompt").ifPresent(uri -> GaOperationOptions.requireHttp("prompt", uri));
        Objects.requireNonNull(operation, "operation");
    }

    /** One of these choices, ACS's default timeouts (5 s; 500 ms), no prompt. */
    public static GaSpeechRecognizeOptions choices(List<Choice> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choices: empty (expected: at least one choice)");
        }
        return new GaSpeechRecognizeOptions(choices, Duration.ofSeconds(5), Duration.ofMillis(500), Optional.empty(),
                Optional.empty(), false, GaOperationOptions.none());
    }

    /** Free speech, ACS's default timeouts (5 s; 500 ms), no prompt. */
    public static GaSpeechRecognizeOptions speech() {
        return new GaSpeechRecognizeOptions(List.of(), Duration.ofSeconds(5), Duration.ofMillis(500),
                Optional.empty(), Optional.empty(), false, GaOperationOptions.none());
    }

    public GaSpeechRecognizeOptions withTimeouts(Duration initialSilence, Duration endOfSpeech) {
        return new GaSpeechRecognizeOptions(choices, initialSilence, endOfSpeech, language, prompt, interruptPrompt,
                operation);
    }

    public GaSpeechRecognizeOptions withLanguage(String value) {
        return new GaSpeechRecognizeOptions(choices, initialSilenceTimeout, endSilence, Optional.of(value), prompt,
                interruptPrompt, operation);
    }

    /** Plays {@code file} first; speech stops it when {@code interruptible}. */
    public GaSpeechRecognizeOptions withPrompt(URI file, boolean interruptible) {
        return new GaSpeechRecognizeOptions(choices, initialSilenceTimeout, endSilence, language, Optional.of(file),
                interruptible, operation);
    }

    public GaSpeechRecognizeOptions withOperation(GaOperationOptions value) {
        return new GaSpeechRecognizeOptions(choices, initialSilenceTimeout, endSilence, language, prompt,
                interruptPrompt, value);
    }
}
