package io.switchboard.client;

import io.switchboard.domain.participant.CommunicationIdentifier;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How to play a file in the GA API ({@code PlayRequest} besides its source).
 *
 * @param playTo    who hears it; empty: everyone in the call
 * @param loop      play until canceled or the call ends
 * @param operation context and callback of the play's events ({@code PlayStarted}, {@code PlayCompleted}, ...)
 */
public record GaPlayOptions(List<CommunicationIdentifier> playTo, boolean loop, GaOperationOptions operation) {

    public GaPlayOptions {
        playTo = List.copyOf(playTo);
        Objects.requireNonNull(operation, "operation");
    }

    /** Once, to everyone, no context. */
    public static GaPlayOptions toEveryone() {
        return new GaPlayOptions(List.of(), false, GaOperationOptions.none());
    }

    public GaPlayOptions withPlayTo(List<? extends CommunicationIdentifier> value) {
        return new GaPlayOptions(List.copyOf(value), loop, operation);
    }

    public GaPlayOptions withLoop(boolean value) {
        return new GaPlayOptions(playTo, value, operation);
    }

    public GaPlayOptions withOperationContext(String value) {
        return new GaPlayOptions(playTo, loop, operation.withOperationContext(value));
    }

    public GaPlayOptions withOperationCallbackUri(URI value) {
        return new GaPlayOptions(playTo, loop, operation.withOperationCallbackUri(value));
    }
}
