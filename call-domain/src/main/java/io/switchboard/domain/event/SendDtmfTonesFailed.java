package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;

import java.util.Optional;

/** The tones could not be sent: the network cannot send tones, or the leg is gone. */
public record SendDtmfTonesFailed(CallConnectionId callId, Optional<String> operationContext,
                                  OperationCallback operationCallback, ResultInformation result) implements CallEvent {

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
