package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.streaming.MediaStreaming;
import io.switchboard.domain.streaming.StreamSpec.Content;

import java.util.Objects;
import java.util.Optional;

/**
 * A call's media stream or live transcription ({@code content}) started, stopped, failed, or changed language
 * ({@code MediaStreamingStarted}, {@code TranscriptionUpdated}, …); {@code detail} says why, in ACS's words. Goes to
 * the callback of the request that started, stopped or updated it, if it gave one.
 */
public record MediaStreamingChanged(CallConnectionId callId, Content content, Status status, Detail detail,
                                    ResultInformation result, Optional<String> operationContext,
                                    OperationCallback operationCallback) implements CallEvent {

    /** Updated: a transcription's language changed. */
    public enum Status { STARTED, STOPPED, FAILED, UPDATED }

    /** ACS's {@code mediaStreamingStatusDetails} and {@code transcriptionStatusDetails}. */
    public enum Detail {
        SUBSCRIPTION_STARTED, SUBSCRIPTION_STOPPED, INITIAL_WEB_SOCKET_CONNECTION_FAILED,
        STREAM_CONNECTION_INTERRUPTED, SPEECH_SERVICES_CONNECTION_ERROR, TRANSCRIPTION_LOCALE_UPDATED
    }

    public MediaStreamingChanged {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
    }

    /** The change of {@code streaming}, reported with the context and to the callback of its last request. */
    public static MediaStreamingChanged of(CallConnectionId callId, MediaStreaming streaming, Status status,
                                           Detail detail, ResultInformation result) {
        return new MediaStreamingChanged(callId, streaming.content(), status, detail, result,
                streaming.operationContext(), streaming.operationCallback());
    }

    @Override
    public Optional<OperationCallback> replyTo() {
        return Optional.of(operationCallback);
    }
}
