package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.PlaySource;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Collect DTMF tones from one participant, after an optional prompt played to it.
 *
 * @param participant     the participant id this server gave, or the participant's raw identifier
 * @param interruptPrompt a tone pressed during the prompt stops it and counts; otherwise tones during it are ignored
 * @param interrupt       cancel a running play or recognition first, instead of being refused
 */
public record RecognizeCommand(CallConnectionId callId, String participant, DtmfOptions options,
                               Optional<PlaySource> prompt, boolean interruptPrompt, boolean interrupt,
                               Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public RecognizeCommand {
        Objects.requireNonNull(callId, "callId");
        MuteParticipantCommand.requireParticipant("recognizeOptions.targetParticipant", participant);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
