package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Start, stop or update a call's live transcription; its events carry the context and go to the callback, if given.
 *
 * @param locale the language to transcribe from now on (BCP 47); the one set up when empty
 */
public record TranscriptionCommand(CallConnectionId callConnectionId, Optional<String> locale,
                                   Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public TranscriptionCommand {
        Objects.requireNonNull(callConnectionId, "callConnectionId");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
