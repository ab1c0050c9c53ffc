package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.RecognizeOperation;

import java.util.Optional;

/** DTMF recognition failed: silence before the first tone (8510) or between tones (8532), or an unplayable prompt. */
public record RecognizeFailed(CallConnectionId callId, RecognizeOperation operation, ResultInformation result)
        implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operation.operationCallback());
    }
}
