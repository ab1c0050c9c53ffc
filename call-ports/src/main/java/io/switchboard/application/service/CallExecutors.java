package io.switchboard.application.service;

import io.switchboard.domain.call.CallConnectionId;

import java.util.concurrent.Executor;

/**
 * Gives every call one serial executor, so that a call's state is only ever changed by one task at a time.
 * Calls are spread over a fixed number of stripes: calls on the same stripe share its order, which costs nothing
 * for work this short and needs no clean-up when calls end.
 */
final class CallExecutors {

    private static final int STRIPES = 64;

    private final SerialExecutor[] stripes = new SerialExecutor[STRIPES];

    CallExecutors(Executor workers) {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new SerialExecutor(workers);
        }
    }

    Executor of(CallConnectionId id) {
        return stripes[Math.floorMod(id.value().hashCode(), STRIPES)];
    }
}
