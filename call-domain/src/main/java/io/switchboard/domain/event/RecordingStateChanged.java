package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingState;

import java.util.Optional;

/**
 * A recording started, paused, resumed or stopped: {@code state} is where it now stands (a stopped one is
 * inactive). Goes to the recording's state callback if it gave one.
 */
public record RecordingStateChanged(CallConnectionId callId, String serverCallId, Recording recording,
                                    RecordingState state) implements CallEvent {

    /** To the recording's state callback alone, if it gave one; else as an event of no operation. */
    @Override
    public Optional<OperationCallback> replyTo() {
        return recording.spec().stateCallback().map(uri -> OperationCallback.own(Optional.of(uri)));
    }
}
