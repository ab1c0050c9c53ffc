package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.RecognizeOperation;

import java.net.URI;
import java.util.Optional;

/**
 * DTMF recognition completed: the maximum of tones was reached (8531) or a stop tone was pressed (8514); the
 * tones collected are {@code operation.tones()}.
 */
public record RecognizeCompleted(CallConnectionId callId, RecognizeOperation operation, ResultInformation result)
        implements CallEvent {

    @Override
    public Optional<URI> operationCallbackUri() {
        return operation.operationCallbackUri();
    }
}
