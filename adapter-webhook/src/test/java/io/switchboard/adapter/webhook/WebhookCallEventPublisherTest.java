package io.switchboard.adapter.webhook;

import io.switchboard.adapter.webhook.RecordingReceiver.Received;
import io.switchboard.adapter.webhook.RecordingReceiver.Reply;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.switchboard.adapter.webhook.CallEventFixtures.CALL;
import static io.switchboard.adapter.webhook.CallEventFixtures.KEY;
import static io.switchboard.adapter.webhook.CallEventFixtures.connected;
import static io.switchboard.adapter.webhook.CallEventFixtures.fastConfig;
import static io.switchboard.adapter.webhook.CallEventFixtures.origin;
import static io.switchboard.adapter.webhook.CallEventFixtures.tone;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class WebhookCallEventPublisherTest {

    private WebhookCallEventPublisher publisher;

    @AfterEach
    void closePublisher() throws Exception {
        if (publisher != null) {
            close(Duration.ofMillis(100));
        }
    }

    private void close(Duration drain) throws Exception {
        publisher.close(drain).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void until(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, condition, () -> publisher.stats());
    }

    @Test
    void signsEachRequestSoTheReceiverCanVerifyItWithTheSharedKey(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());
        long before = Instant.now().getEpochSecond();

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then: an HMAC computed here, independently of the publisher's signer
        Received request = receiver.requests().get(0);
        String id = request.headers().get("x-switchboard-event-id");
        String timestamp = request.headers().get("x-switchboard-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1=" + Base64.getEncoder().encodeToString(mac.doFinal(request.body()));
        assertThat(request.headers().get("x-switchboard-signature")).isEqualTo(expected);
        assertThat(Long.parseLong(timestamp)).isBetween(before, Instant.now().getEpochSecond());
        assertThat(request.json().get("id").asText()).isEqualTo(id);
        assertThat(request.headers()).containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "Switchboard-Webhook/0.1");
    }

    @Test
    void postsGaEventsAsAOneElementArrayAndSkipsThoseGaDoesNotSend(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallbackTarget target = new CallbackTarget(receiver.uri(), EventSchema.GA);

        // when
        publisher.publish(target, CallEventFixtures.stateChanged(CALL, CallState.CONNECTING, false,
                ResultInformation.CONNECTED));
        publisher.publish(target, connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().get(0).json().isArray()).isTrue();
        assertThat(receiver.types()).containsExactly("Microsoft.Communication.CallConnected");
        assertThat(publisher.stats().pending()).isZero();
    }

    @Test
    void deliversAnotherCallWhileOneCallsReceiverDoesNotAnswer(Vertx vertx) throws Exception {
        // given
        RecordingReceiver silent = RecordingReceiver.start(vertx, 0, Reply.neverAnswers());
        RecordingReceiver healthy = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallConnectionId other = CallConnectionId.of("call-2");

        // when
        publisher.publish(origin(silent.uri()), connected(CALL));
        until("the silent receiver has the first call's event", () -> silent.requests().size() == 1);
        publisher.publish(origin(healthy.uri()), connected(other));
        publisher.publish(origin(healthy.uri()), tone(other, Tone.ONE, 1));
        until("the other call delivered", () -> publisher.stats().delivered() == 2);

        // then: the first call's request is still unanswered
        assertThat(healthy.types()).containsExactly("Microsoft.Communication.CallConnectionStateChanged",
                "Microsoft.Communication.ToneReceived");
        assertThat(silent.requests()).hasSize(1);
        assertThat(publisher.stats().pending()).isEqualTo(1);
    }

    @Test
    void drainsPendingEventsOnClose(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(500), Reply.status(500));
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallbackTarget target = origin(receiver.uri());
        publisher.publish(target, connected(CALL));
        publisher.publish(target, tone(CALL, Tone.ONE, 1));
        publisher.publish(target, tone(CALL, Tone.TWO, 2));

        // when
        close(Duration.ofSeconds(4));

        // then
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(3, 2, 0, 0));
        assertThat(receiver.eventIds()).doesNotContainNull().hasSize(5);
        // each event waited at least for the first one's two retries (10 ms, then 20 ms, less their jitter)
        assertThat(publisher.deliveredLatency()).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 10));
    }

    @Test
    void givesUpWhatIsStillPendingWhenTheDrainTimeRunsOut(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, 0, Reply.status(503));
        publisher = Publishers.inMemory(vertx, fastConfig());
        publisher.publish(origin(receiver.uri()), connected(CALL));
        publisher.publish(origin(receiver.uri()), tone(CALL, Tone.ONE, 1));
        until("a retry", () -> publisher.stats().retried() >= 1);

        // when
        close(Duration.ofMillis(50));

        // then
        WebhookStats stats = publisher.stats();
        assertThat(stats.givenUp()).isEqualTo(2);
        assertThat(stats.pending()).isZero();
        assertThat(stats.delivered()).isZero();
    }

    @Test
    void givesUpAnEventPublishedAfterCloseWhenTheOutboxIsInMemory(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        publisher = Publishers.inMemory(vertx, fastConfig());
        close(Duration.ofMillis(100));

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));

        // then: counted as given up (nothing would deliver it later), never attempted
        until("given up", () -> publisher.stats().equals(new WebhookStats(0, 0, 1, 0)));
        assertThat(receiver.requests()).isEmpty();
        assertThat(publisher.close(Duration.ZERO).toCompletableFuture().isDone()).isTrue();
    }
}
