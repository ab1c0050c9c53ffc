package io.switchboard.application.port.in;

import io.switchboard.domain.recording.RecordingSpec;

import java.util.Objects;

/** Start recording the call with server call id {@code serverCallId}. */
public record StartRecordingCommand(String serverCallId, RecordingSpec spec) {

    public StartRecordingCommand {
        if (serverCallId == null || serverCallId.isBlank()) {
            throw new IllegalArgumentException("callLocator.serverCallId: " + serverCallId
                    + " (expected: the serverCallId of a call's properties)");
        }
        Objects.requireNonNull(spec, "spec");
    }
}
