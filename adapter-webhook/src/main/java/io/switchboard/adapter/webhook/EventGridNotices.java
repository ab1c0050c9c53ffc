package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.out.EventOutbox.Accepted;
import io.switchboard.application.port.out.IncomingCallNotice;
import io.switchboard.application.port.out.IncomingCallNotifier;
import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingFileNotifier;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.recording.RecordingChannels;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Tells the application what ACS tells through an Event Grid subscription: calls ringing here
 * ({@code Microsoft.Communication.IncomingCall}) and recordings ready for download
 * ({@code Microsoft.Communication.RecordingFileStatusUpdated}), each as a POST of a one-element array of an Event
 * Grid event to one configured endpoint, signed, ordered and retried like the call events (each incoming call and
 * each recording is its own queue), except that an IncomingCall is given up once its call no longer rings. The
 * endpoint is the operator's choice, so there is no subscription validation handshake.
 */
final class EventGridNotices implements IncomingCallNotifier, RecordingFileNotifier {

    static final String TOPIC = "/switchboard/communicationServices/switchboard";

    private final ObjectMapper mapper = new ObjectMapper();
    private final WebhookCallEventPublisher publisher;
    private final URI endpoint;
    private final Supplier<URI> apiBase;
    private final Clock clock;

    /** @param apiBase the API's public address, which the recordings' download locations start with */
    EventGridNotices(WebhookCallEventPublisher publisher, URI endpoint, Supplier<URI> apiBase, Clock clock) {
        this.publisher = publisher;
        this.endpoint = endpoint;
        this.apiBase = apiBase;
        this.clock = clock;
    }

    @Override
    public void notify(IncomingCallNotice notice) {
        send("incoming-" + notice.serverCallId(), (id, at) -> body(notice, id, at), Optional.of(notice.ringsUntil()));
    }

    @Override
    public void ready(RecordingDocument document) {
        send("recording-" + document.documentId(), (id, at) -> body(document, id, at), Optional.empty());
    }

    private void send(String queue, BiFunction<String, Instant, byte[]> body, Optional<Instant> deliverBy) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        publisher.accept(new Accepted(id, CallConnectionId.of(queue), endpoint, body.apply(id, now), now, deliverBy));
    }

    byte[] body(IncomingCallNotice notice, String id, Instant at) {
        ArrayNode events = mapper.createArrayNode();
        ObjectNode data = envelope(events, id, "/caller/" + notice.from().rawId() + "/recipient/"
                + notice.to().rawId(), "IncomingCall", at);
        data.set("to", IdentifierJson.of(notice.to()));
        data.set("from", IdentifierJson.of(notice.from()));
        data.put("serverCallId", notice.serverCallId());
        notice.callerDisplayName().ifPresent(name -> data.put("callerDisplayName", name));
        data.put("incomingCallContext", notice.incomingCallContext());
        data.put("correlationId", notice.correlationId());
        return bytes(events);
    }

    /** ACS's event, with the locations the SDK's {@code CallRecording} downloads and deletes through. */
    byte[] body(RecordingDocument document, String id, Instant at) {
        ArrayNode events = mapper.createArrayNode();
        ObjectNode data = envelope(events, id, "/recording/call/" + document.call().value() + "/serverCallId/"
                + document.serverCallId(), "RecordingFileStatusUpdated", at);
        String object = apiBase.get().toString().replaceAll("/+$", "") + "/v1/objects/" + document.documentId();
        data.putObject("recordingStorageInfo").putArray("recordingChunks").addObject()
                .put("documentId", document.documentId())
                .put("index", 0)
                .put("endReason", document.endReason())
                .put("contentLocation", object + "/content/audio")
                .put("metadataLocation", object + "/content/acsmetadata")
                .put("deleteLocation", object);
        data.put("recordingStartTime", document.startedAt().toString())
                .put("recordingDurationMs", document.length().toMillis())
                .put("contentType", "Audio")
                .put("channelType", document.channelType() == RecordingChannels.MIXED ? "Mixed" : "Unmixed")
                .put("format", "Wav")
                .put("sessionEndReason", "SessionEnded".equals(document.endReason()) ? "CallEnded" : "Stopped");
        return bytes(events);
    }

    /** Adds the event to {@code events}; returns its {@code data} to fill. */
    private static ObjectNode envelope(ArrayNode events, String id, String subject, String type, Instant at) {
        ObjectNode event = events.addObject()
                .put("id", id)
                .put("topic", TOPIC)
                .put("subject", subject)
                .put("eventType", "Microsoft.Communication." + type);
        ObjectNode data = event.putObject("data");
        event.put("dataVersion", "1.0").put("metadataVersion", "1").put("eventTime", at.toString());
        return data;
    }

    private byte[] bytes(ArrayNode events) {
        try {
            return mapper.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Event Grid event could not be serialised", e);
        }
    }
}
