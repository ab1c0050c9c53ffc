package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.RecognizeInput;
import io.switchboard.domain.media.SpeechOptions;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognize what one participant answers, after an optional prompt played to it: DTMF tones, one of
 * {@code choices} (said, or chosen by its key; {@code options} then gives only the initial silence timeout), free
 * speech, or speech or tones.
 *
 * @param participant     the participant id this server gave, or the participant's raw identifier
 * @param interruptPrompt input during the prompt stops it and counts; otherwise input during it is ignored
 * @param interrupt       cancel a running play or recognition first, instead of being refused
 * @param choices         for {@link RecognizeInput#CHOICES} only
 */
public record RecognizeCommand(CallConnectionId callId, String participant, RecognizeInput input,
                               DtmfOptions options, SpeechOptions speech, Optional<PlaySource> prompt,
                               boolean interruptPrompt, boolean interrupt, Optional<String> operationContext,
                               Optional<URI> operationCallbackUri, List<Choice> choices) {

    public RecognizeCommand {
        Objects.requireNonNull(callId, "callId");
        MuteParticipantCommand.requireParticipant("recognizeOptions.targetParticipant", participant);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
        choices = List.copyOf(choices);
    }

    /** A recognition of DTMF tones, or of {@code choices} if there are any. */
    public RecognizeCommand(CallConnectionId callId, String participant, DtmfOptions options,
                            Optional<PlaySource> prompt, boolean interruptPrompt, boolean interrupt,
                            Optional<String> operationContext, Optional<URI> operationCallbackUri,
                            List<Choice> choices) {
        this(callId, participant, choices.isEmpty() ? RecognizeInput.DTMF : RecognizeInput.CHOICES, options,
                SpeechOptions.DEFAULT, prompt, interruptPrompt, interrupt, operationContext, operationCallbackUri,
                choices);
    }

    /** A recognition of DTMF tones. */
    public RecognizeCommand(CallConnectionId callId, String participant, DtmfOptions options,
                            Optional<PlaySource> prompt, boolean interruptPrompt, boolean interrupt,
                            Optional<String> operationContext, Optional<URI> operationCallbackUri) {
        this(callId, participant, options, prompt, interruptPrompt, interrupt, operationContext, operationCallbackUri,
                List.of());
    }
}
