package io.switchboard.application.service;

import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.Transition;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The services' shared access to calls: runs work on the call's serial executor, and applies transitions: save,
 * publish the events in order (logging state changes), then carry out the transition's telephony commands.
 */
final class Calls {

    private static final Logger LOG = System.getLogger("io.switchboard.call");

    private final CallRegistry registry;
    private final CallEventPublisher publisher;
    private final CallExecutors executors;
    private final TelephonyCommands commands;

    Calls(CallRegistry registry, CallEventPublisher publisher, CallExecutors executors, TelephonyCommands commands) {
        this.registry = registry;
        this.publisher = publisher;
        this.executors = executors;
        this.commands = commands;
    }

    /**
     * Runs work on the call's executor with the call as it is then; fails with CALL_NOT_FOUND if unknown. Completes
     * once what the work saved is kept (see {@link #onExecutor}).
     */
    <T> CompletionStage<T> onCall(CallConnectionId id, Function<Call, T> work) {
        return onExecutor(id, () -> work.apply(registry.find(id).orElseThrow(() -> notFound(id))));
    }

    /** The call as it is now, read on its executor; fails with CALL_NOT_FOUND if unknown. */
    /** The calls not ended, newest first, as the registry holds them now (immutable snapshots). */
    List<Call> live() {
        return registry.active().stream().sorted(Comparator.comparing(Call::createdAt).reversed()).toList();
    }

    CompletionStage<Call> read(CallConnectionId id) {
        return run(id, () -> registry.find(id).orElseThrow(() -> notFound(id)));
    }

    /**
     * Runs work on the call's executor, for a call that may not exist yet. Completes once what the work saved is
     * kept (an API request that changed a call is answered after the change is committed), on the thread that kept
     * it: callers take the result to their own thread.
     */
    <T> CompletionStage<T> onExecutor(CallConnectionId id, java.util.function.Supplier<T> work) {
        return run(id, work).thenCompose(value -> registry.flushed().handle((kept, error) -> value));
    }

    private <T> CompletionStage<T> run(CallConnectionId id, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executors.of(id).execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Ends the calls a stop of the server left live (see {@link Call#serverRestarted}), each on its executor.
     *
     * @return how many
     */
    int endLeftLive() {
        for (Call call : registry.leftLive()) {
            executors.of(call.id()).execute(() -> registry.find(call.id()).ifPresent(current -> {
                LOG.log(Level.WARNING, "call " + call.id() + " was live when the server stopped; ended now");
                apply(current.serverRestarted());
            }));
        }
        return registry.leftLive().size();
    }

    /** Like {@link #onCall} for telephony reports: unknown calls are ignored, failures logged. */
    void report(CallConnectionId id, Function<Call, Transition> change) {
        executors.of(id).execute(() -> registry.find(id).ifPresent(call -> {
            try {
                apply(change.apply(call));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "call " + id + ": telephony report not applied: " + e.getMessage());
            }
        }));
    }

    /**
     * Saves the call, publishes the transition's events, then carries out its commands; must run on the call's
     * executor. Returns the call as the transition left it.
     */
    Call apply(Transition transition) {
        Call call = transition.call();
        registry.save(call);
        for (CallEvent event : transition.events()) {
            if (event instanceof CallConnectionStateChanged changed) {
                LOG.log(Level.INFO, "call " + call.id() + " " + changed.state().name().toLowerCase()
                        + " (" + changed.result().subCode() + " " + changed.result().message() + ")");
            }
            publisher.publish(target(call, event), event);
        }
        transition.commands().forEach(command -> commands.run(this, call, command));
        return call;
    }

    /** The call as last saved; must run on its executor. */
    Call current(CallConnectionId id) {
        return registry.find(id).orElseThrow(() -> notFound(id));
    }

    /** An operation's own callback, if its request named one, in the call's schema; else the call's callback. */
    private static CallbackTarget target(Call call, CallEvent event) {
        CallbackTarget callback = call.setup().callback();
        return event.operationCallbackUri().map(uri -> new CallbackTarget(uri, callback.schema())).orElse(callback);
    }

    CallRegistry registry() {
        return registry;
    }

    static CallAutomationException notFound(CallConnectionId id) {
        return new CallAutomationException(ErrorCode.CALL_NOT_FOUND, "Call " + id + " not found.");
    }
}
