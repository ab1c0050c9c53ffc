package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.Participant;

import java.net.URI;
import java.util.Optional;

/** The music for a held participant could not be played (the participant stays on hold, in silence). */
public record HoldFailed(CallConnectionId callId, Participant participant, Optional<String> operationContext,
                         Optional<URI> operationCallbackUri, ResultInformation result) implements CallEvent {
}
