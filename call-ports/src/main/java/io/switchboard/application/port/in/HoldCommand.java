package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.PlaySource;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Put a connected participant on hold, with optional music (looped) played to it meanwhile.
 *
 * @param participant the participant id this server gave, or the participant's raw identifier
 */
public record HoldCommand(CallConnectionId callId, String participant, Optional<PlaySource> music,
                          Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public HoldCommand {
        Objects.requireNonNull(callId, "callId");
        MuteParticipantCommand.requireParticipant("targetParticipant", participant);
        Objects.requireNonNull(music, "music");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
