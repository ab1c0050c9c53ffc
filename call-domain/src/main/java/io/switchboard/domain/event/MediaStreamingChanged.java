package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.streaming.MediaStreaming;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A call's media stream started, stopped or failed ({@code MediaStreamingStarted}, {@code …Stopped},
 * {@code …Failed}); {@code detail} says why, in ACS's words. Goes to the callback of the request that started or
 * stopped it, if it gave one.
 */
public record MediaStreamingChanged(CallConnectionId callId, Status status, Detail detail, ResultInformation result,
                                    Optional<String> operationContext, Optional<URI> operationCallbackUri)
        implements CallEvent {

    public enum Status { STARTED, STOPPED, FAILED }

    /** ACS's {@code mediaStreamingStatusDetails}. */
    public enum Detail {
        SUBSCRIPTION_STARTED, SUBSCRIPTION_STOPPED, INITIAL_WEB_SOCKET_CONNECTION_FAILED,
        STREAM_CONNECTION_INTERRUPTED
    }

    public MediaStreamingChanged {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }

    /** The change of {@code streaming}, reported with the context and to the callback of its last request. */
    public static MediaStreamingChanged of(CallConnectionId callId, MediaStreaming streaming, Status status,
                                           Detail detail, ResultInformation result) {
        return new MediaStreamingChanged(callId, status, detail, result, streaming.operationContext(),
                streaming.operationCallbackUri());
    }
}
