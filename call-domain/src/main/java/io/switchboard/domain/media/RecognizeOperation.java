package io.switchboard.domain.media;

import io.switchboard.domain.call.LegId;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DTMF recognition running on one participant of a call: an optional prompt played to that participant, then
 * tones collected until the maximum is reached, a stop tone is pressed, or a silence lasts too long.
 *
 * <p>Immutable; the call moves it along. Timeouts are judged by the number of tones collected when the timer was
 * set ({@link #tonesSoFar()}): a timer set before a later tone is stale and changes nothing.
 *
 * @param prompt    the prompt, while it still plays (played under this operation's id)
 * @param prompting whether the prompt still plays; tones pressed meanwhile count only if {@code interruptPrompt}
 */
public record RecognizeOperation(MediaOperationId id, LegId target, DtmfOptions options,
                                 Optional<PlaySource> prompt, boolean interruptPrompt, boolean prompting,
                                 List<Tone> tones, Optional<String> operationContext,
                                 Optional<URI> operationCallbackUri) {

    public RecognizeOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(prompt, "prompt");
        tones = List.copyOf(tones);
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }

    /** What a tone did to the operation. */
    public enum Step { IGNORED, COLLECTED, MAX_REACHED, STOP_TONE }

    public static RecognizeOperation requested(MediaOperationId id, LegId target, DtmfOptions options,
                                               Optional<PlaySource> prompt, boolean interruptPrompt,
                                               Optional<String> operationContext, Optional<URI> callback) {
        return new RecognizeOperation(id, target, options, prompt, interruptPrompt, prompt.isPresent(), List.of(),
                operationContext, callback);
    }

    public int tonesSoFar() {
        return tones.size();
    }

    /** The prompt ended (or was cut short): collection starts. */
    public RecognizeOperation collecting() {
        return new RecognizeOperation(id, target, options, prompt, interruptPrompt, false, tones, operationContext,
                operationCallbackUri);
    }

    /** What the tone does: ignored during an uninterruptible prompt, else collected or completing. */
    public Step stepFor(Tone tone) {
        if (prompting && !interruptPrompt) {
            return Step.IGNORED;
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
                operationCallbackUri);
    }
}
