package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.Participant;

import java.net.URI;
import java.util.Optional;

/** A participant the application removed has left the call. */
public record RemoveParticipantSucceeded(CallConnectionId callId, Optional<String> operationContext,
                                         Participant participant) implements CallEvent {

    @Override
    public Optional<URI> operationCallbackUri() {
        return participant.operationCallbackUri();
    }
}
