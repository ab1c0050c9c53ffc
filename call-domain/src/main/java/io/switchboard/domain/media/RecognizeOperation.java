package io.switchboard.domain.media;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recognition running on one participant of a call: an optional prompt played to that participant, then what
 * {@code input} says it waits for: tones collected until the maximum is reached, a stop tone is pressed, or a
 * silence lasts too long; a choice, chosen by its key or said by one of its phrases; or free speech.
 *
 * <p>Immutable; the call moves it along. Timeouts are judged by the number of tones collected when the timer was
 * set ({@link #tonesSoFar()}) and by whether the participant started speaking: a timer set before a later tone, or
 * before speech, is stale and changes nothing.
 *
 * @param speech    how speech is listened for; unused for {@link RecognizeInput#DTMF}
 * @param prompt    the prompt, while it still plays (played under this operation's id)
 * @param prompting whether the prompt still plays; input meanwhile counts only if {@code interruptPrompt}
 * @param speaking  whether the participant started speaking
 * @param choices   the answers waited for; empty unless {@code input} is {@link RecognizeInput#CHOICES}
 * @param chosen    the label of the choice made, once one is
 * @param heard     what was recognized of the participant's speech, once it is
 */
public record RecognizeOperation(MediaOperationId id, LegId target, RecognizeInput input, DtmfOptions options,
                                 SpeechOptions speech, Optional<PlaySource> prompt, boolean interruptPrompt,
                                 boolean prompting, List<Tone> tones, boolean speaking,
                                 Optional<String> operationContext, OperationCallback operationCallback,
                                 List<Choice> choices, Optional<String> chosen, Optional<RecognizedSpeech> heard) {

    public RecognizeOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(prompt, "prompt");
        tones = List.copyOf(tones);
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
        choices = List.copyOf(choices);
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(heard, "heard");
        if (input == RecognizeInput.CHOICES && choices.isEmpty()) {
            throw new IllegalArgumentException("choices: empty (expected: at least one choice)");
        }
    }

    /** A recognition as the wire names it when it ended: tones or a choice, nothing of speech. */
    public RecognizeOperation(MediaOperationId id, LegId target, DtmfOptions options, Optional<PlaySource> prompt,
                              boolean interruptPrompt, boolean prompting, List<Tone> tones,
                              Optional<String> operationContext, OperationCallback operationCallback,
                              List<Choice> choices, Optional<String> chosen) {
        this(id, target, choices.isEmpty() ? RecognizeInput.DTMF : RecognizeInput.CHOICES, options,
                SpeechOptions.DEFAULT, prompt, interruptPrompt, prompting, tones, false, operationContext,
                operationCallback, choices, chosen, Optional.empty());
    }

    /** What a tone did to the operation. */
    public enum Step { IGNORED, COLLECTED, MAX_REACHED, STOP_TONE, CHOSEN, WRONG_TONE }

    /**
     * A recognition just requested: it prompts first if it has a prompt.
     *
     * @param choices the choices, for {@link RecognizeInput#CHOICES} only
     */
    public static RecognizeOperation requested(MediaOperationId id, LegId target, RecognizeInput input,
                                               DtmfOptions options, SpeechOptions speech, List<Choice> choices,
                                               Optional<PlaySource> prompt, boolean interruptPrompt,
                                               Optional<String> operationContext, OperationCallback callback) {
        if (input != RecognizeInput.CHOICES && !choices.isEmpty()) {
            throw new IllegalArgumentException("choices: given for " + input + " (expected: only for choices)");
        }
        return new RecognizeOperation(id, target, input, options, speech, prompt, interruptPrompt,
                prompt.isPresent(), List.of(), false, operationContext, callback, choices, Optional.empty(),
                Optional.empty());
    }

    /** A recognition of DTMF tones. */
    public static RecognizeOperation requested(MediaOperationId id, LegId target, DtmfOptions options,
                                               Optional<PlaySource> prompt, boolean interruptPrompt,
                                               Optional<String> operationContext, OperationCallback callback) {
        return requested(id, target, RecognizeInput.DTMF, options, SpeechOptions.DEFAULT, List.of(), prompt,
                interruptPrompt, operationContext, callback);
    }

    /** A recognition of choices; {@code options} gives its initial silence timeout. */
    public static RecognizeOperation choosing(MediaOperationId id, LegId target, List<Choice> choices,
                                              DtmfOptions options, Optional<PlaySource> prompt,
                                              boolean interruptPrompt, Optional<String> operationContext,
                                              OperationCallback callback) {
        return requested(id, target, RecognizeInput.CHOICES, options, SpeechOptions.DEFAULT, choices, prompt,
                interruptPrompt, operationContext, callback);
    }

    public int tonesSoFar() {
        return tones.size();
    }

    /** Whether speech is being listened for now: the input takes speech, and no uninterruptible prompt plays. */
    public boolean listensNow() {
        return input.listens() && (!prompting || interruptPrompt);
    }

    /** The prompt ended (or was cut short): collection starts. */
    public RecognizeOperation collecting() {
        return new RecognizeOperation(id, target, input, options, speech, prompt, interruptPrompt, false, tones,
                speaking, operationContext, operationCallback, choices, chosen, heard);
    }

    /** The participant started speaking: an interruptible prompt stops. */
    public RecognizeOperation speakingNow() {
        return new RecognizeOperation(id, target, input, options, speech, prompt, interruptPrompt, false, tones,
                true, operationContext, operationCallback, choices, chosen, heard);
    }

    /**
     * What the participant said was recognized: kept, and for choices the choice it names (by one of its phrases or
     * its label, ignoring case and punctuation) is chosen.
     */
    public RecognizeOperation recognized(RecognizedSpeech said) {
        Optional<String> label = input == RecognizeInput.CHOICES ? choiceSaid(said.text()).map(Choice::label) : chosen;
        return new RecognizeOperation(id, target, input, options, speech, prompt, interruptPrompt, false, tones,
                true, operationContext, operationCallback, choices, label, Optional.of(said));
    }

    /**
     * What the tone does: ignored when tones do not count (speech only) or during an uninterruptible prompt; else,
     * with choices, it chooses or is wrong; without, it is collected or completes the recognition.
     */
    public Step stepFor(Tone tone) {
        if (!input.takesTones() || prompting && !interruptPrompt) {
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
        return new RecognizeOperation(id, target, input, options, speech, prompt, interruptPrompt, false, next,
                speaking, operationContext, operationCallback, choices,
                step == Step.CHOSEN ? choiceOf(tone).map(Choice::label) : chosen, heard);
    }

    private Optional<Choice> choiceOf(Tone tone) {
        return choices.stream().filter(choice -> choice.tone().equals(Optional.of(tone))).findFirst();
    }

    private Optional<Choice> choiceSaid(String text) {
        String said = Choice.words(text);
        if (said.isEmpty()) {
            return Optional.empty();
        }
        return choices.stream().filter(choice -> Choice.words(choice.label()).equals(said)
                || choice.phrases().stream().anyMatch(phrase -> Choice.words(phrase).equals(said))).findFirst();
    }

}
