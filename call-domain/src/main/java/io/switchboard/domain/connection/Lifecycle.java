package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ResultInformation;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a call is in its life and, once it ended, why.
 *
 * @param wasConnected whether the call had been connected before its last state change
 * @param endResult    why the call ended, once it has
 */
public record Lifecycle(CallState state, boolean wasConnected, Optional<ResultInformation> endResult) {

    public Lifecycle {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endResult, "endResult");
    }

    static Lifecycle connecting() {
        return new Lifecycle(CallState.CONNECTING, false, Optional.empty());
    }
}
