package io.switchboard.application.service;

import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.Connection;
import io.switchboard.domain.connection.Transition;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
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
        CallConnectionId owner = owner(id);
        return onExecutor(owner, () -> work.apply(registry.find(owner).orElseThrow(() -> notFound(id))));
    }

    /**
     * As {@link #onCall}, for a request that starts an operation: the work also gets where the operation's events go,
     * the connection {@code id} names alone, at {@code operationCallbackUri} if the request gave one
     * ({@link Call#operationCallback}).
     */
    <T> CompletionStage<T> onOperation(CallConnectionId id, Optional<URI> operationCallbackUri,
                                       BiFunction<Call, OperationCallback, T> work) {
        return onCall(id, call -> work.apply(call, call.operationCallback(id, operationCallbackUri)));
    }

    /** The calls not ended, newest first, as the registry holds them now (immutable snapshots). */
    List<Call> live() {
        return registry.active().stream().sorted(Comparator.comparing(Call::createdAt).reversed()).toList();
    }

    /**
     * The call as it is now, read on its executor; fails with CALL_NOT_FOUND if unknown. Another application's
     * connection id ({@code connect}) stands for its call, here and in {@link #onCall}.
     */
    CompletionStage<Call> read(CallConnectionId id) {
        CallConnectionId owner = owner(id);
        return run(owner, () -> registry.find(owner).orElseThrow(() -> notFound(id)));
    }

    /** The call another application's connection belongs to; any other id is a call's own. An index look-up. */
    private CallConnectionId owner(CallConnectionId id) {
        return registry.ownerOf(id).orElse(id);
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
        List<Connection> left = leftConnections(transition);
        registry.save(call);
        for (CallEvent event : transition.events()) {
            if (event instanceof CallConnectionStateChanged changed && changed.connection().isPresent()) {
                // another application's connection changed: told to it alone, under its own id
                CallConnectionId id = changed.connection().get();
                Optional<Connection> connection = connection(call, left, id);
                LOG.log(Level.INFO, "call " + call.id() + ": connection " + id + " " + changed.state().name()
                        .toLowerCase());
                connection.ifPresent(c -> publisher.publish(c.callback(), event, c.id()));
                continue;
            }
            if (event instanceof CallConnectionStateChanged changed) {
                LOG.log(Level.INFO, "call " + call.id() + " " + changed.state().name().toLowerCase()
                        + " (" + changed.result().subCode() + " " + changed.result().message() + ")");
            }
            Optional<OperationCallback> operation = event.replyTo();
            if (operation.isPresent()) {
                // an operation's result: told to the connection that asked for it alone
                replyTo(call, left, event, operation.get());
                continue;
            }
            publisher.publish(call.setup().callback(), event);
            if (!(event instanceof CallConnectionStateChanged)) {
                // what happens to the call's participants and media is told to every application connected
                call.connections().forEach(c -> publisher.publish(c.callback(), event, c.id()));
            }
        }
        transition.commands().forEach(command -> commands.run(this, call, command));
        return call;
    }

    /**
     * An operation's event, told to the connection it was asked through under that connection's id (at the request's
     * {@code operationCallbackUri} if it gave one, in the connection's schema); dropped, with a log line, when that
     * connection has left the call before it.
     */
    private void replyTo(Call call, List<Connection> left, CallEvent event, OperationCallback operation) {
        if (operation.connection().isEmpty()) {
            publisher.publish(at(operation, call.setup().callback()), event);
            return;
        }
        CallConnectionId id = operation.connection().get();
        Optional<Connection> connection = connection(call, left, id);
        if (connection.isEmpty()) {
            LOG.log(Level.INFO, "call " + call.id() + ": " + event.getClass().getSimpleName() + " not told: connection "
                    + id + ", which asked for the operation, has left the call");
            return;
        }
        publisher.publish(at(operation, connection.get().callback()), event, id);
    }

    /** Another application's connection to the call, or one that left it in this transition. */
    private static Optional<Connection> connection(Call call, List<Connection> left, CallConnectionId id) {
        return call.connection(id).or(() -> left.stream().filter(c -> c.id().equals(id)).findFirst());
    }

    /** The operation's own callback URI if its request named one, in the schema of the callback it replaces. */
    private static CallbackTarget at(OperationCallback operation, CallbackTarget callback) {
        return operation.uri().map(uri -> new CallbackTarget(uri, callback.schema())).orElse(callback);
    }

    /** The connections the transition's events are about that its call no longer has (they left): as kept before. */
    private List<Connection> leftConnections(Transition transition) {
        Call call = transition.call();
        boolean anyLeft = transition.events().stream().anyMatch(e -> e instanceof CallConnectionStateChanged changed
                && changed.connection().filter(id -> call.connection(id).isEmpty()).isPresent());
        return anyLeft ? registry.find(call.id()).map(Call::connections).orElse(List.of()) : List.of();
    }

    /** The call as last saved; must run on its executor. */
    Call current(CallConnectionId id) {
        return registry.find(id).orElseThrow(() -> notFound(id));
    }

    CallRegistry registry() {
        return registry;
    }

    static CallAutomationException notFound(CallConnectionId id) {
        return new CallAutomationException(ErrorCode.CALL_NOT_FOUND, "Call " + id + " not found.");
    }
}
