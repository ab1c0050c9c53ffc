package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.PlaySource;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collect DTMF tones from one participant, after an optional prompt played to it; or, with {@code choices}, wait for
 * the key of one of them ({@code options} then gives only the initial silence timeout).
 *
 * @param participant     the participant id this server gave, or the participant's raw identifier
 * @param interruptPrompt a tone pressed during the prompt stops it and counts; otherwise tones during it are ignored
 * @param interrupt       cancel a running play or recognition first, instead of being refused
 */
public record RecognizeCommand(CallConnectionId callId, String participant, DtmfOptions options,
                               Optional<PlaySource> prompt, boolean interruptPrompt, boolean interrupt,
                               Optional<String> operationContext, Optional<URI> operationCallbackUri,
                               List<Choice> choices) {

    public RecognizeCommand {
        Objects.requireNonNull(callId, "callId");
        MuteParticipantCommand.requireParticipant("recognizeOptions.targetParticipant", participant);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
        choices = List.copyOf(choices);
    }

    /** A recognition of DTMF tones. */
    public RecognizeCommand(CallConnectionId callId, String participant, DtmfOptions options,
                            Optional<PlaySource> prompt, boolean interruptPrompt, boolean interrupt,
                            Optional<String> operationContext, Optional<URI> operationCallbackUri) {
        this(callId, participant, options, prompt, interruptPrompt, interrupt, operationContext, operationCallbackUri,
                List.of());
    }
}
