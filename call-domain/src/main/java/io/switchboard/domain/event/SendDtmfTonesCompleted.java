package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;

import java.net.URI;
import java.util.Optional;

/** Every tone the application asked to send was sent into the participant's leg. */
public record SendDtmfTonesCompleted(CallConnectionId callId, Optional<String> operationContext,
                                     Optional<URI> operationCallbackUri) implements CallEvent {
}
