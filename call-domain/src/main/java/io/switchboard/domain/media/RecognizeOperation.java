package io.switchboard.domain.media;

import io.switchboard.domain.call.LegId;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recognition running on one participant of a call: an optional prompt played to that participant, then tones
 * collected until the maximum is reached, a stop tone is pressed, or a silence lasts too long; or, with
 * {@code choices}, the first key pressed chooses the choice it belongs to (another key fails the recognition).
 *
 * <p>Immutable; the call moves it along. Timeouts are judged by the number of tones collected when the timer was
 * set ({@link #tonesSoFar()}): a timer set before a later tone is stale and changes nothing.
 *
 * @param prompt    the prompt, while it still plays (played under this operation's id)
 * @param prompting whether the prompt still plays; tones pressed meanwhile count only if {@code interruptPrompt}
 * @param choices   the answers waited for; empty for a recognition of DTMF tones
 * @param chosen    the label of the choice made, once one is
 */
public record RecognizeOperation(MediaOperationId id, LegId target, DtmfOptions options,
                                 Optional<PlaySource> prompt, boolean interruptPrompt, boolean prompting,
                                 List<Tone> tones, Optional<String> operationContext,
                                 Optional<URI> operationCallbackUri, List<Choice> choices, Optional<String> chosen) {

    public RecognizeOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(prompt, "prompt");
        tones = List.copyOf(tones);
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
        choices = List.copyOf(choices);
        Objects.requireNonNull(chosen, "chosen");
    }

    /** A recognition of DTMF tones. */
    public RecognizeOperation(MediaOperationId id, LegId target, DtmfOptions options, Optional<PlaySource> prompt,
                              boolean interruptPrompt, boolean prompting, List<Tone> tones,
                              Optional<String> operationContext, Optional<URI> operationCallbackUri) {
        this(id, target, options, prompt, interruptPrompt, prompting, tones, operationContext, operationCallbackUri,
                List.of(), Optional.empty());
    }

    /** What a tone did to the operation. */
    public enum Step { IGNORED, COLLECTED, MAX_REACHED, STOP_TONE, CHOSEN, WRONG_TONE }

    public static RecognizeOperation requested(MediaOperationId id, LegId target, DtmfOptions options,
                                               Optional<PlaySource> prompt, boolean interruptPrompt,
                                               Optional<String> operationContext, Optional<URI> callback) {
        return new RecognizeOperation(id, target, options, prompt, interruptPrompt, prompt.isPresent(), List.of(),
                operationContext, callback);
    }

    /** A recognition of choices, made by their keys; {@code options} gives its initial silence timeout. */
    public static RecognizeOperation choosing(MediaOperationId id, LegId target, List<Choice> choices,
                                              DtmfOptions options, Optional<PlaySource> prompt,
                                              boolean interruptPrompt, Optional<String> operationContext,
                                              Optional<URI> callback) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choices: empty (expected: at least one choice)");
        }
        return new RecognizeOperation(id, target, options, prompt, interruptPrompt, prompt.isPresent(), List.of(),
                operationContext, callback, choices, Optional.empty());
    }

    public int tonesSoFar() {
        return tones.size();
    }

    /** The prompt ended (or was cut short): collection starts. */
    public RecognizeOperation collecting() {
        return new RecognizeOperation(id, target, options, prompt, interruptPrompt, false, tones, operationContext,
                operationCallbackUri, choices, chosen);
    }

    /**
     * What the tone does: ignored during an uninterruptible prompt; else, with choices, it chooses or is wrong;
     * without, it is collected or completes the recognition.
     */
    public Step stepFor(Tone tone) {
        if (prompting && !interruptPrompt) {
            return Step.IGNORED;
        }
        if (!choices.isEmpty()) {
            return choiceOf(tone).isPresent() ? Step.CHOSEN : Step.WRONG_TONE;
        }
        if (options.stopTones().contains(tone)) {
            return Step.STOP_TONE;
        }
        return tones.size() + 1 >= options.maxTones() ? Step.MAX_REACHED : Step.COLLECTED;
    }

    /** The operation after the tone, collected unless it is a stop tone or ignored. */
    public RecognizeOperation with(Tone tone) {
        Step step = stepFor(tone);
        if (step == Step.IGNORED) {
            return this;
        }
        List<Tone> next = new ArrayList<>(tones);
        if (step != Step.STOP_TONE) {
            next.add(tone);
        }
        return new RecognizeOperation(id, target, options, prompt, interruptPrompt, false, next, operationContext,
                operationCallbackUri, choices, step == Step.CHOSEN ? choiceOf(tone).map(Choice::label) : chosen);
    }

    private Optional<Choice> choiceOf(Tone tone) {
        return choices.stream().filter(choice -> choice.tone().equals(Optional.of(tone))).findFirst();
    }
}
