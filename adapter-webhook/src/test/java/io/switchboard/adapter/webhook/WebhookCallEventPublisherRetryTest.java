package io.switchboard.adapter.webhook;

import io.switchboard.adapter.webhook.RecordingReceiver.Reply;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.application.service.InMemoryEventOutbox;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.switchboard.adapter.webhook.CallEventFixtures.CALL;
import static io.switchboard.adapter.webhook.CallEventFixtures.KEY;
import static io.switchboard.adapter.webhook.CallEventFixtures.connected;
import static io.switchboard.adapter.webhook.CallEventFixtures.fastConfig;
import static io.switchboard.adapter.webhook.CallEventFixtures.origin;
import static io.switchboard.adapter.webhook.CallEventFixtures.tone;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class WebhookCallEventPublisherRetryTest {

    private WebhookCallEventPublisher publisher;

    @AfterEach
    void closePublisher() throws Exception {
        if (publisher != null) {
            publisher.close(Duration.ofMillis(100)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private void until(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, condition, () -> publisher.stats());
    }

    @Test
    void keepsACallsOrderWhileItsEarlierEventIsRetried(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(500), Reply.status(500));
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallbackTarget target = origin(receiver.uri());

        // when
        publisher.publish(target, connected(CALL));
        publisher.publish(target, new ParticipantsUpdated(CALL, 1, List.of(CallEventFixtures.aPhoneParticipant())));
        publisher.publish(target, tone(CALL, Tone.ONE, 1));
        until("three delivered", () -> publisher.stats().delivered() == 3);

        // then
        String prefix = "Microsoft.Communication.";
        assertThat(receiver.types()).containsExactly(prefix + "CallConnectionStateChanged",
                prefix + "CallConnectionStateChanged", prefix + "CallConnectionStateChanged",
                prefix + "ParticipantsUpdated", prefix + "ToneReceived");
        List<String> ids = receiver.eventIds();
        assertThat(ids.subList(0, 3)).containsOnly(ids.get(0));
        assertThat(ids.subList(2, 5)).doesNotHaveDuplicates();
    }

    @Test
    void retriesAfterAServerError(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(500), Reply.status(503));
        publisher = Publishers.inMemory(vertx, fastConfig());

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        assertThat(receiver.requests()).hasSize(3);
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(1, 2, 0, 0));
    }

    @Test
    void keepsTheEventIdAndBodyAcrossRetries(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(500), Reply.status(408));
        publisher = Publishers.inMemory(vertx, fastConfig());

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        List<RecordingReceiver.Received> requests = receiver.requests();
        assertThat(requests).hasSize(3);
        String id = requests.get(0).eventId();
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.eventId()).isEqualTo(id);
            assertThat(request.json().get("id").asText()).isEqualTo(id);
            assertThat(request.body()).isEqualTo(requests.get(0).body());
        });
    }

    @Test
    void retriesWhileTheReceiverRefusesConnections(Vertx vertx) throws Exception {
        // given: a port that was free a moment ago and has nothing listening
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        publisher = Publishers.inMemory(vertx, fastConfig());
        publisher.publish(origin(URI.create("http://127.0.0.1:" + port + "/callbacks")), connected(CALL));
        until("two attempts refused", () -> publisher.stats().retried() >= 2);

        // when
        RecordingReceiver receiver = RecordingReceiver.start(vertx, port, Reply.status(200));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        assertThat(receiver.types()).containsExactly("Microsoft.Communication.CallConnectionStateChanged");
        assertThat(publisher.stats().givenUp()).isZero();
    }

    @Test
    void retriesAtOnceWhenTheReceiverClosesTheConnectionWithoutAnAnswer(Vertx vertx) throws Exception {
        // given: a backoff far beyond the wait below, so that only an immediate retry can deliver in time
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.closesTheConnection());
        publisher = Publishers.inMemory(vertx, slowBackoff());

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        assertThat(receiver.eventIds()).hasSize(2).containsOnly(receiver.eventIds().get(0));
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(1, 1, 0, 0));
    }

    @Test
    void retriesAtOnceWhenTheReceiverResetsTheConnection(Vertx vertx) throws Exception {
        // given: a receiver that resets the first connection (RST) once it has read the request, then answers 200
        try (ResettingReceiver receiver = new ResettingReceiver()) {
            publisher = Publishers.inMemory(vertx, slowBackoff());

            // when
            publisher.publish(origin(receiver.uri()), connected(CALL));
            until("delivered", () -> publisher.stats().delivered() == 1);

            // then
            assertThat(receiver.requests.get()).isEqualTo(2);
            assertThat(publisher.stats()).isEqualTo(new WebhookStats(1, 1, 0, 0));
        }
    }

    @Test
    void backsOffWhenTheReceiverClosesTheConnectionAgain(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.closesTheConnection(),
                Reply.closesTheConnection());
        publisher = Publishers.inMemory(vertx, slowBackoff());

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("two attempts closed", () -> publisher.stats().retried() == 2);
        // the third attempt is a backoff (48-72 s) away: none comes meanwhile
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.requests().size() == 2);

        // then
        assertThat(receiver.requests()).hasSize(2);
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(0, 2, 0, 1)); // still pending
    }

    /** A first retry delay of 60 s: a retry within a test's few seconds is one that did not wait for it. */
    private static WebhookConfig slowBackoff() {
        return new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofSeconds(120), Duration.ofHours(1), "2025-05-15", Clock.systemUTC());
    }

    @Test
    void retriesWhenTheReceiverDoesNotAnswerInTime(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.neverAnswers());
        WebhookConfig config = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), "2025-05-15", Clock.systemUTC());
        publisher = Publishers.inMemory(vertx, config);

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        assertThat(receiver.requests()).hasSize(2);
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(1, 1, 0, 0));
    }

    @Test
    void givesUpACallbackToAnAddressThePolicyRefusesWithoutSendingIt(Vertx vertx) throws Exception {
        // given: a receiver on loopback, and a publisher that posts to public addresses only
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(200));
        publisher = WebhookCallEventPublisher.create(vertx, fastConfig(), OutboundPolicy.of(""),
                new InMemoryEventOutbox());

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("given up", () -> publisher.stats().givenUp() == 1);

        // then: nothing was sent, and nothing is retried
        assertThat(receiver.requests()).isEmpty();
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(0, 0, 1, 0));
    }

    @Test
    void doesNotRetryAClientErrorAndMovesOnToTheCallsNextEvent(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.status(400));
        publisher = Publishers.inMemory(vertx, fastConfig());
        CallbackTarget target = origin(receiver.uri());

        // when
        publisher.publish(target, connected(CALL));
        publisher.publish(target, tone(CALL, Tone.POUND, 1));
        until("one refused, one delivered", () -> publisher.stats().delivered() == 1);

        // then: exactly one request for the refused event, then the next event
        assertThat(receiver.types()).containsExactly("Microsoft.Communication.CallConnectionStateChanged",
                "Microsoft.Communication.ToneReceived");
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(1, 0, 1, 0));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOnTooManyRequests(Vertx vertx) throws Exception {
        // given: backoff in milliseconds, so only Retry-After can explain a wait of a second
        RecordingReceiver receiver = RecordingReceiver.start(vertx, Reply.throttled("1"));
        WebhookConfig config = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(30), "2025-05-15", Clock.systemUTC());
        publisher = Publishers.inMemory(vertx, config);

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("delivered", () -> publisher.stats().delivered() == 1);

        // then
        List<RecordingReceiver.Received> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        long waited = requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos();
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void givesUpOnceTheRetryWindowHasPassed(Vertx vertx) throws Exception {
        // given
        RecordingReceiver receiver = RecordingReceiver.start(vertx, 0, Reply.status(500));
        WebhookConfig config = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(150), "2025-05-15",
                Clock.systemUTC());
        publisher = Publishers.inMemory(vertx, config);

        // when
        publisher.publish(origin(receiver.uri()), connected(CALL));
        until("given up", () -> publisher.stats().givenUp() == 1);
        int attempts = receiver.requests().size();
        // no attempt may follow a give-up: none comes for several maximum retry delays
        Awaitility.await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1))
                .until(() -> receiver.requests().size() == attempts);

        // then
        assertThat(attempts).isGreaterThanOrEqualTo(2);
        assertThat(receiver.requests()).hasSize(attempts);
        assertThat(publisher.stats()).isEqualTo(new WebhookStats(0, attempts - 1, 1, 0));
    }

    /** A receiver on a plain socket: reads each request; resets the first connection, answers 200 on the others. */
    private static final class ResettingReceiver implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread thread = new Thread(this::serve, "resetting-receiver");

        ResettingReceiver() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/callbacks");
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    connection.setSoTimeout(5000);
                    InputStream in = connection.getInputStream();
                    while (readRequest(in)) {
                        if (requests.incrementAndGet() == 1) {
                            connection.setSoLinger(true, 0); // close with RST
                            break;
                        }
                        connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    // closed, or the client went away: the next connection, if any
                }
            }
        }

        /** Reads one request (head and body); false at the end of the connection. */
        private static boolean readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.append((char) b);
            }
            Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
            in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            return true;
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
