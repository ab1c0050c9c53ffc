package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where calls are kept. Thread-safe; a call is only ever saved from its own serial executor.
 * Ended calls stay readable for a while so that applications can still query them. A registry that keeps calls on
 * disk says when a save is kept ({@link #flushed}) and gives back the calls a stop of the server left live.
 */
public interface CallRegistry {

    void save(Call call);

    Optional<Call> find(CallConnectionId id);

    /** The call a leg belongs to, as long as the call has that leg. */
    Optional<CallConnectionId> findByLeg(LegId leg);

    /** The call another application's connection ({@code connect}) belongs to, while the call is kept. */
    default Optional<CallConnectionId> ownerOf(CallConnectionId connection) {
        return active().stream().filter(call -> call.connection(connection).isPresent()).map(Call::id).findFirst();
    }

    /** The call, not ended, with this server call id (as its properties give it). */
    default Optional<Call> findByServerCallId(String serverCallId) {
        return active().stream().filter(call -> call.serverCallId().equals(serverCallId)).findFirst();
    }

    /** Every call that has not ended. */
    List<Call> active();

    /** Completes once every call saved before is kept (at once for a registry in memory). */
    default CompletionStage<Void> flushed() {
        return CompletableFuture.completedFuture(null);
    }

    /** The calls that were live when the server last stopped, as kept then (none for a registry in memory). */
    default List<Call> leftLive() {
        return List.of();
    }
}
