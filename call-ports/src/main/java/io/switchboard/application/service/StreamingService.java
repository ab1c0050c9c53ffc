package io.switchboard.application.service;

import io.switchboard.application.port.in.MediaStreamingCommand;
import io.switchboard.application.port.in.MediaStreamingUseCase;
import io.switchboard.application.port.in.TranscriptionCommand;
import io.switchboard.application.port.in.TranscriptionUseCase;
import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;

import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Starts and stops calls' media streams and live transcriptions; the call's transitions say what is opened, carried
 * and closed. A transcription's language must be one the recognizer knows.
 */
public final class StreamingService implements MediaStreamingUseCase, TranscriptionUseCase {

    private final Calls calls;
    private final Optional<SpeechRecognizer> recognizer;

    StreamingService(Calls calls, Optional<SpeechRecognizer> recognizer) {
        this.calls = calls;
        this.recognizer = recognizer;
    }

    @Override
    public CompletionStage<Void> startMediaStreaming(MediaStreamingCommand command) {
        return calls.onOperation(command.callConnectionId(), command.operationCallbackUri(), (call, replyTo) -> {
            calls.apply(call.startStreaming(command.operationContext(), replyTo));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> stopMediaStreaming(MediaStreamingCommand command) {
        return calls.onOperation(command.callConnectionId(), command.operationCallbackUri(), (call, replyTo) -> {
            calls.apply(call.stopStreaming(command.operationContext(), replyTo));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> startTranscription(TranscriptionCommand command) {
        return calls.onOperation(command.callConnectionId(), command.operationCallbackUri(), (call, replyTo) -> {
            command.locale().ifPresent(this::requireKnown);
            calls.apply(call.startTranscription(command.locale(), command.operationContext(), replyTo));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> stopTranscription(TranscriptionCommand command) {
        return calls.onOperation(command.callConnectionId(), command.operationCallbackUri(), (call, replyTo) -> {
            calls.apply(call.stopTranscription(command.operationContext(), replyTo));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> updateTranscription(TranscriptionCommand command) {
        return calls.onOperation(command.callConnectionId(), command.operationCallbackUri(), (call, replyTo) -> {
            String locale = command.locale().orElseThrow(() -> new IllegalArgumentException(
                    "locale: missing (expected: the language to transcribe, e.g. en-US)"));
            requireKnown(locale);
            calls.apply(call.updateTranscription(locale, command.operationContext(), replyTo));
            return null;
        });
    }

    private void requireKnown(String locale) {
        recognizer.filter(r -> r.locales().stream().noneMatch(locale::equalsIgnoreCase)).ifPresent(r -> {
            throw new CallAutomationException(ErrorCode.INVALID_REQUEST, "locale: " + locale + " (expected: one the "
                    + "speech recognizer knows: " + String.join(", ", new TreeSet<>(r.locales())) + ")");
        });
    }
}
