package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;

import java.util.List;
import java.util.Objects;

/** A call as {@link CallClient#getCall} reads it: its state and its participants now. */
public record CallConnectionProperties(CallConnectionId id, CallState state, List<CallParticipant> participants) {

    public CallConnectionProperties {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        participants = List.copyOf(participants);
    }
}
