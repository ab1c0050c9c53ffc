package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.connection.Call;

import java.net.URI;
import java.util.Optional;

/** A request that starts an operation on a call: the connection it was asked through, and where its events go. */
public interface OperationRequest {

    /** The call connection the request named: the call's own id, or another application's connection to it. */
    CallConnectionId callId();

    /** Where the operation's events go instead of the asking connection's callback, if the request said. */
    Optional<URI> operationCallbackUri();

    /** Where the operation's events go in {@code call}: to the asking connection alone. */
    default OperationCallback replyTo(Call call) {
        return call.operationCallback(callId(), operationCallbackUri());
    }
}
