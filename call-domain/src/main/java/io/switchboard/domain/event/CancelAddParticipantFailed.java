package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ResultInformation;

import java.net.URI;
import java.util.Optional;

/** An invitation could not be canceled: no such invitation, or it was already answered or ended. */
public record CancelAddParticipantFailed(CallConnectionId callId, String invitationId,
                                         Optional<String> operationContext, Optional<URI> operationCallbackUri,
                                         ResultInformation result) implements CallEvent {
}
