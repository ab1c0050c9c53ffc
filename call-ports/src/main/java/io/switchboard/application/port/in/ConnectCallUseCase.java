package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;

import java.util.concurrent.CompletionStage;

/** Connects another application to a call running here: it gets a connection of its own to the same call. */
public interface ConnectCallUseCase {

    /** The call as connected, and the id of the new connection (which the API takes as the call's). */
    record Connected(Call call, CallConnectionId connection) {
    }

    /**
     * Opens the connection; {@code CallConnected} goes to its callback, then the call's participants and media events
     * as the call's own application gets them, and the results of the operations asked through it. Non-blocking.
     *
     * @return fails with {@code CALL_NOT_FOUND} (no live call has that server call id), {@code CALL_NOT_ESTABLISHED}
     *         or {@code INVALID_REQUEST} (too many connections)
     */
    CompletionStage<Connected> connect(ConnectCallCommand command);
}
