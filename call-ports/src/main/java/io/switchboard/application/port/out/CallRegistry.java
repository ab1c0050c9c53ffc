package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;

import java.util.List;
import java.util.Optional;

/**
 * Where calls are kept. Thread-safe; a call is only ever saved from its own serial executor.
 * Ended calls stay readable for a while so that applications can still query them.
 */
public interface CallRegistry {

    void save(Call call);

    Optional<Call> find(CallConnectionId id);

    /** The call a leg belongs to, as long as the call has that leg. */
    Optional<CallConnectionId> findByLeg(LegId leg);

    /** The call, not ended, with this server call id (as its properties give it). */
    default Optional<Call> findByServerCallId(String serverCallId) {
        return active().stream().filter(call -> call.serverCallId().equals(serverCallId)).findFirst();
    }

    /** Every call that has not ended. */
    List<Call> active();
}
