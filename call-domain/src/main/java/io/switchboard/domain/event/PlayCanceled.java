package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.PlayOperation;

/** A play was stopped by a cancel request before it ended. */
public record PlayCanceled(CallConnectionId callId, PlayOperation operation) implements CallEvent {
}
