package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.recording.RecordingSpec;

import java.util.Objects;
import java.util.Optional;

/**
 * Start recording a call, named by its server call id (ACS's {@code serverCallLocator}) or by its call connection
 * id; when both are given the connection id wins.
 */
public record StartRecordingCommand(Optional<String> serverCallId, Optional<CallConnectionId> callConnectionId,
                                    RecordingSpec spec) {

    public StartRecordingCommand {
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(callConnectionId, "callConnectionId");
        Objects.requireNonNull(spec, "spec");
        if (serverCallId.isEmpty() && callConnectionId.isEmpty()) {
            throw new IllegalArgumentException("callLocator: missing (expected: {\"kind\": \"serverCallLocator\", "
                    + "\"serverCallId\": the serverCallId of a call's properties}, or a callConnectionId)");
        }
        if (serverCallId.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("callLocator.serverCallId: empty (expected: the serverCallId of a "
                    + "call's properties)");
        }
    }

    /** Record the call with this server call id. */
    public static StartRecordingCommand of(String serverCallId, RecordingSpec spec) {
        return new StartRecordingCommand(Optional.of(serverCallId), Optional.empty(), spec);
    }
}
