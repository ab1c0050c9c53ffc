package io.switchboard.application.service;

import io.switchboard.application.port.in.MediaStreamingCommand;
import io.switchboard.application.port.in.MediaStreamingUseCase;

import java.util.concurrent.CompletionStage;

/** Starts and stops calls' media streams; the call's transitions say what is opened, carried and closed. */
public final class StreamingService implements MediaStreamingUseCase {

    private final Calls calls;

    StreamingService(Calls calls) {
        this.calls = calls;
    }

    @Override
    public CompletionStage<Void> startMediaStreaming(MediaStreamingCommand command) {
        return calls.onCall(command.callConnectionId(), call -> {
            calls.apply(call.startStreaming(command.operationContext(), command.operationCallbackUri()));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> stopMediaStreaming(MediaStreamingCommand command) {
        return calls.onCall(command.callConnectionId(), call -> {
            calls.apply(call.stopStreaming(command.operationContext(), command.operationCallbackUri()));
            return null;
        });
    }
}
