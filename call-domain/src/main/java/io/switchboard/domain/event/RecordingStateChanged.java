package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingState;

import java.net.URI;
import java.util.Optional;

/**
 * A recording started, paused, resumed or stopped: {@code state} is where it now stands (a stopped one is
 * inactive). Goes to the recording's state callback if it gave one.
 */
public record RecordingStateChanged(CallConnectionId callId, String serverCallId, Recording recording,
                                    RecordingState state) implements CallEvent {

    @Override
    public Optional<URI> operationCallbackUri() {
        return recording.spec().stateCallback();
    }
}
