package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.adapter.webhook.RecordingReceiver.Reply;
import io.switchboard.application.port.out.IncomingCallNotice;
import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.client.CallbackHandler;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.webhook.CallEventFixtures.fastConfig;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class EventGridNoticesTest {

    private static final IncomingCallNotice NOTICE = ringingUntil(Instant.now().plus(Duration.ofHours(1)));

    private WebhookCallEventPublisher publisher;

    @AfterEach
    void closePublisher() throws Exception {
        publisher.close(Duration.ofMillis(100)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void postsAnEventGridIncomingCallEvent(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());

        // when
        publisher.incomingCalls(receiver.uri()).notify(NOTICE);
        Eventually.until("delivered", () -> publisher.stats().delivered() == 1, () -> publisher.stats());

        // then
        JsonNode body = receiver.requests().get(0).json();
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        JsonNode event = body.get(0);
        assertThat(event.get("eventType").asText()).isEqualTo("Microsoft.Communication.IncomingCall");
        assertThat(event.get("subject").asText()).isEqualTo("/caller/4:+14255550123/recipient/4:+18005550100");
        assertThat(event.get("dataVersion").asText()).isEqualTo("1.0");
        assertThat(event.get("metadataVersion").asText()).isEqualTo("1");
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("eventTime").asText()).endsWith("Z");
        JsonNode data = event.get("data");
        assertThat(data.get("incomingCallContext").asText()).isEqualTo("ctx-1");
        assertThat(data.get("serverCallId").asText()).isEqualTo("server-1");
        assertThat(data.get("correlationId").asText()).isEqualTo("corr-1");
        assertThat(data.get("callerDisplayName").asText()).isEqualTo("Alice");
        assertThat(data.get("from").get("phoneNumber").get("value").asText()).isEqualTo("+14255550123");
        assertThat(data.get("from").get("kind").asText()).isEqualTo("phoneNumber");
        assertThat(data.get("to").get("rawId").asText()).isEqualTo("4:+18005550100");
        assertThat(receiver.requests().get(0).headers()).containsKey("x-switchboard-signature");
    }

    @Test
    void postsARecordingFileStatusUpdatedEventWithDownloadLocationsOfTheApi(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallConnectionId call = CallConnectionId.of("call-1");
        RecordingDocument document = new RecordingDocument("doc-1", RecordingId.of(call, "r"), call, "server-1",
                RecordingChannels.UNMIXED, 5, Instant.parse("2026-12-01T10:00:00Z"), Duration.ofMillis(4200),
                336_000, "SessionEnded", List.of());

        // when
        publisher.recordingFiles(receiver.uri(), () -> URI.create("https://switchboard.example:8443/"))
                .ready(document);
        Eventually.until("delivered", () -> publisher.stats().delivered() == 1, () -> publisher.stats());

        // then
        JsonNode event = receiver.requests().get(0).json().get(0);
        assertThat(event.get("eventType").asText()).isEqualTo("Microsoft.Communication.RecordingFileStatusUpdated");
        assertThat(event.get("subject").asText()).isEqualTo("/recording/call/call-1/serverCallId/server-1");
        JsonNode data = event.get("data");
        JsonNode chunk = data.get("recordingStorageInfo").get("recordingChunks").get(0);
        assertThat(chunk.get("documentId").asText()).isEqualTo("doc-1");
        assertThat(chunk.get("index").asInt()).isZero();
        assertThat(chunk.get("endReason").asText()).isEqualTo("SessionEnded");
        assertThat(chunk.get("contentLocation").asText())
                .isEqualTo("https://switchboard.example:8443/v1/objects/doc-1/content/audio");
        assertThat(chunk.get("metadataLocation").asText())
                .isEqualTo("https://switchboard.example:8443/v1/objects/doc-1/content/acsmetadata");
        assertThat(chunk.get("deleteLocation").asText()).isEqualTo("https://switchboard.example:8443/v1/objects/doc-1");
        assertThat(data.get("recordingStartTime").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(data.get("recordingDurationMs").asLong()).isEqualTo(4200);
        assertThat(data.get("channelType").asText()).isEqualTo("Unmixed");
        assertThat(data.get("sessionEndReason").asText()).isEqualTo("CallEnded");
    }

    @Test
    void retriesUntilTheEndpointTakesIt(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(503), Reply.status(500));
        publisher = Publishers.inMemory(vertx, fastConfig());

        // when
        publisher.incomingCalls(receiver.uri()).notify(new IncomingCallNotice("ctx-2",
                new UnknownIdentifier("sip:alice@127.0.0.1"), new PhoneNumberIdentifier("+18005550100"),
                Optional.empty(), "server-2", "corr-2", Instant.now().plus(Duration.ofHours(1))));
        Eventually.until("delivered", () -> publisher.stats().delivered() == 1, () -> publisher.stats());

        // then
        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests()).extracting(r -> r.json().get(0).get("id").asText()).containsOnly(
                receiver.requests().get(0).json().get(0).get("id").asText());
        JsonNode data = receiver.requests().get(2).json().get(0).get("data");
        assertThat(data.get("from").get("kind").asText()).isEqualTo("unknown");
        assertThat(data.has("callerDisplayName")).isFalse();
    }

    @Test
    void givesUpAnIncomingCallOnceItsCallNoLongerRingsThoughItsRetryWindowIsOpen(Vertx vertx) throws Exception {
        // given: an endpoint that keeps failing, a call that rings 2 s more, a retry window of 30 s
        RecordingReceiver receiver = RecordingReceiver.start(vertx, 0, Reply.status(503));
        publisher = Publishers.inMemory(vertx, fastConfig());
        long ringEndNanos = System.nanoTime() + 2_000_000_000L;
        Instant ringsUntil = Instant.now().plusSeconds(2);

        // when
        publisher.incomingCalls(receiver.uri()).notify(ringingUntil(ringsUntil));
        Eventually.until("given up", () -> publisher.stats().givenUp() == 1, () -> publisher.stats());

        // then: retried while the call rang (each attempt begun before its end reaches the receiver soon after it)
        assertThat(receiver.requests()).hasSizeGreaterThan(1)
                .allSatisfy(request -> assertThat(request.arrivedNanos())
                        .isLessThan(ringEndNanos + 1_000_000_000L));
        assertThat(publisher.stats().delivered()).isZero();
        assertThat(publisher.stats().pending()).isZero();
    }

    @Test
    void givesUpUnsentAnIncomingCallWhoseCallNoLongerRingsWhenItsTurnComes(Vertx vertx) throws Exception {
        // given: a notice whose ring is already over when it reaches the front (as after an outage and a restart)
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());

        // when
        publisher.incomingCalls(receiver.uri()).notify(ringingUntil(Instant.now().minusSeconds(1)));
        Eventually.until("given up", () -> publisher.stats().givenUp() == 1, () -> publisher.stats());

        // then
        assertThat(receiver.requests()).isEmpty();
        assertThat(publisher.stats().delivered()).isZero();
    }

    @Test
    void reachesTheApplicationsCallbackHandlerAsAnUnknownEventOfItsType(Vertx vertx) throws Exception {
        // given
        RecordingListener listener = new RecordingListener();
        CallbackClient app = CallbackClient.start(vertx, CallbackHandler.create(CallEventFixtures.KEY, listener), false);
        publisher = Publishers.inMemory(vertx, fastConfig());

        // when
        publisher.incomingCalls(app.uri()).notify(NOTICE);
        Eventually.until("delivered", () -> publisher.stats().delivered() == 1, () -> publisher.stats());

        // then
        assertThat(listener.events).isEmpty();
        assertThat(listener.unknown).singleElement().satisfies(unknown -> {
            assertThat(unknown.type()).isEqualTo("Microsoft.Communication.IncomingCall");
            assertThat(unknown.cloudEvent().getJsonObject("data").getString("incomingCallContext")).isEqualTo("ctx-1");
        });
    }

    private static IncomingCallNotice ringingUntil(Instant ringsUntil) {
        return new IncomingCallNotice("ctx-1", new PhoneNumberIdentifier("+14255550123"),
                new PhoneNumberIdentifier("+18005550100"), Optional.of("Alice"), "server-1", "corr-1", ringsUntil);
    }
}
