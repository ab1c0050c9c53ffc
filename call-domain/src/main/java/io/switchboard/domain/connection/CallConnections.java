package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Other applications' connections to a call (ACS's {@code connect}). Each has its own id and callback; the call's
 * participants and media are shared, and so are their events: a connection is told of them as the call's own
 * application is. Its own state changes are its own, and so are the results of the operations asked through it
 * ({@link io.switchboard.domain.call.OperationCallback}). Pure functions of a call.
 */
final class CallConnections {

    /** The most connections one call takes besides its own. */
    static final int MAX = 16;

    private CallConnections() {
    }

    static Transition connect(Call call, Connection connection) {
        call.requireConnected();
        if (call.connections().size() >= MAX) {
            throw new CallAutomationException(ErrorCode.INVALID_REQUEST, "callLocator: call " + call.serverCallId()
                    + " has " + MAX + " connections already (expected: at most " + MAX + ")");
        }
        List<Connection> all = new ArrayList<>(call.connections());
        all.add(connection);
        Call next = call.withConnections(all);
        return Transition.of(next, changed(next, connection, CallState.CONNECTED, false, ResultInformation.CONNECTED));
    }

    static Transition disconnect(Call call, CallConnectionId id) {
        Connection gone = call.connection(id).orElseThrow(() -> new CallAutomationException(
                ErrorCode.CALL_NOT_FOUND, "Call " + id + " not found."));
        Call next = call.withConnections(call.connections().stream().filter(c -> !c.equals(gone)).toList());
        return Transition.of(next, changed(next, gone, CallState.DISCONNECTED, true,
                ResultInformation.HUNG_UP_BY_APPLICATION)).then(c -> CallMedia.connectionLeft(c, id));
    }

    /** The call ended: so do its connections, each told why (they stay readable with the call). */
    static Transition ended(Call call, ResultInformation why) {
        return new Transition(call, call.connections().stream()
                .map(c -> (CallEvent) changed(call, c, CallState.DISCONNECTED, true, why)).toList());
    }

    private static CallConnectionStateChanged changed(Call call, Connection connection, CallState state,
                                                      boolean wasConnected, ResultInformation why) {
        return new CallConnectionStateChanged(call.id(), call.serverCallId(), state, wasConnected, why,
                connection.operationContext(), false, Optional.of(connection.id()));
    }
}
