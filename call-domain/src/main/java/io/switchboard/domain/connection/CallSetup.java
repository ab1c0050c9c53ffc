package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.TranscriptionSpec;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the application asked for when it created a call, beyond its targets.
 *
 * @param source   who calls: the application's identity; for an answered call, who answered ({@code answeredBy})
 * @param callerId the number shown to PSTN callees ({@code alternateCallerId} / {@code sourceCallerIdNumber})
 * @param answered whether the application answered the call (an incoming call) rather than created it
 * @param streaming its media stream ({@code mediaStreamingOptions}), if it wants one
 * @param transcription its live transcription ({@code transcriptionOptions}), if it wants one
 */
public record CallSetup(Optional<CommunicationIdentifier> source, Optional<PhoneNumberIdentifier> callerId,
                        Optional<String> subject, CallbackTarget callback, Set<RequestedCallEvent> requestedEvents,
                        Optional<String> operationContext, boolean answered, Optional<StreamingSpec> streaming,
                        Optional<TranscriptionSpec> transcription) {

    public CallSetup {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(operationContext, "operationContext");
        requestedEvents = Set.copyOf(requestedEvents);
        Objects.requireNonNull(streaming, "streaming");
        Objects.requireNonNull(transcription, "transcription");
    }

    /** The setup of a call the application creates. */
    public CallSetup(Optional<CommunicationIdentifier> source, Optional<PhoneNumberIdentifier> callerId,
                     Optional<String> subject, CallbackTarget callback, Set<RequestedCallEvent> requestedEvents,
                     Optional<String> operationContext) {
        this(source, callerId, subject, callback, requestedEvents, operationContext, false, Optional.empty(),
                Optional.empty());
    }

    /** This setup for a call the application answers. */
    public CallSetup asAnswered() {
        return new CallSetup(source, callerId, subject, callback, requestedEvents, operationContext, true, streaming,
                transcription);
    }

    /** This setup with a media stream. */
    public CallSetup withStreaming(Optional<StreamingSpec> spec) {
        return new CallSetup(source, callerId, subject, callback, requestedEvents, operationContext, answered, spec,
                transcription);
    }

    /** This setup with a live transcription. */
    public CallSetup withTranscription(Optional<TranscriptionSpec> spec) {
        return new CallSetup(source, callerId, subject, callback, requestedEvents, operationContext, answered,
                streaming, spec);
    }
}
