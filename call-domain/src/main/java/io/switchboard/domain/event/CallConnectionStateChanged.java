package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ResultInformation;

import java.util.Objects;
import java.util.Optional;

/**
 * The call moved to a new state.
 *
 * @param wasConnected whether the call had been connected before this change (tells a failed call attempt from an
 *                     ended conversation)
 * @param result           why: for {@code disconnected}, the cause (hung up by the application, remote party hung
 *                         up, busy, unavailable, ...)
 * @param operationContext the context the application gave when it created the call (ACS echoes it in
 *                         CallConnected, CallDisconnected and CreateCallFailed)
 * @param answered         whether the application answered the call rather than created it (a call answered that
 *                         never connected failed to be answered, not to be created)
 * @param connection       the other connection to the call (made with {@code connect}) this change is about, told
 *                         to it alone; empty for the call's own connection
 */
public record CallConnectionStateChanged(CallConnectionId callId, String serverCallId, CallState state,
                                         boolean wasConnected, ResultInformation result,
                                         Optional<String> operationContext, boolean answered,
                                         Optional<CallConnectionId> connection) implements CallEvent {

    public CallConnectionStateChanged {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(operationContext, "operationContext");
    }

    /** A change of the call's own connection. */
    public CallConnectionStateChanged(CallConnectionId callId, String serverCallId, CallState state,
                                      boolean wasConnected, ResultInformation result,
                                      Optional<String> operationContext, boolean answered) {
        this(callId, serverCallId, state, wasConnected, result, operationContext, answered, Optional.empty());
    }

    /** A change of a call the application created. */
    public CallConnectionStateChanged(CallConnectionId callId, String serverCallId, CallState state,
                                      boolean wasConnected, ResultInformation result,
                                      Optional<String> operationContext) {
        this(callId, serverCallId, state, wasConnected, result, operationContext, false);
    }

    /** A change of a call created without an operation context. */
    public CallConnectionStateChanged(CallConnectionId callId, String serverCallId, CallState state,
                                      boolean wasConnected, ResultInformation result) {
        this(callId, serverCallId, state, wasConnected, result, Optional.empty());
    }
}
