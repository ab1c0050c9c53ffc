package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.adapter.webhook.RecordingReceiver.Reply;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.application.service.InMemoryEventOutbox;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.switchboard.adapter.webhook.CallEventFixtures.KEY;
import static io.switchboard.adapter.webhook.CallEventFixtures.origin;
import static io.switchboard.adapter.webhook.CallEventFixtures.tone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery over the outbox: more events than fit in memory, a publisher started on an outbox that kept events from
 * before, an answer that never ends, and a slow receiver beside healthy ones.
 */
@ExtendWith(VertxExtension.class)
class DurableDeliveryTest {

    private final List<WebhookCallEventPublisher> publishers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (WebhookCallEventPublisher publisher : publishers) {
            publisher.close(Duration.ofMillis(100)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private WebhookCallEventPublisher publisher(Vertx vertx, WebhookConfig config, EventOutbox outbox, int room) {
        WebhookCallEventPublisher publisher = WebhookCallEventPublisher.create(vertx, config, OutboundPolicy.LOOPBACK,
                outbox, room);
        publishers.add(publisher);
        return publisher;
    }

    private static void until(String what, BooleanSupplier condition, WebhookCallEventPublisher publisher) {
        Eventually.until(what, condition, publisher::stats);
    }

    /** The tone sequence numbers each call's events arrived with, in arrival order, from 2xx-answered requests. */
    private static Map<String, List<Integer>> sequencesByCall(RecordingReceiver receiver) {
        return receiver.requests().stream().map(RecordingReceiver.Received::json).collect(Collectors.groupingBy(
                json -> json.path("data").path("callConnectionId").asText(), Collectors.mapping(
                        json -> json.path("data").path("toneInfo").path("sequenceId").asInt(), Collectors.toList())));
    }

    @Test
    void deliversEveryCallsEventsInOrderThoughFewFitInMemory(Vertx vertx) throws Exception {
        // given: room for 8 events in memory, and 20 calls publishing 15 events each at once
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        WebhookCallEventPublisher publisher = publisher(vertx, CallEventFixtures.fastConfig(),
                new InMemoryEventOutbox(), 8);

        // when
        for (int n = 1; n <= 15; n++) {
            for (int c = 0; c < 20; c++) {
                publisher.publish(origin(receiver.uri()), tone(CallConnectionId.of("call-" + c), Tone.ONE, n));
            }
        }

        // then: all delivered once, each call's in the order published
        until("all delivered", () -> publisher.stats().delivered() == 300, publisher);
        Map<String, List<Integer>> sequences = sequencesByCall(receiver);
        assertThat(sequences).hasSize(20);
        List<Integer> inOrder = new ArrayList<>();
        for (int n = 1; n <= 15; n++) {
            inOrder.add(n);
        }
        assertThat(sequences.values()).allSatisfy(arrived -> assertThat(arrived).isEqualTo(inOrder));
        assertThat(receiver.eventIds()).doesNotHaveDuplicates();
        until("nothing pending once settled", () -> publisher.stats().pending() == 0, publisher);
    }

    @Test
    void aPublisherStartedOnAnOutboxDeliversWhatItKeptWithTheSameIdsInOrder(Vertx vertx) throws Exception {
        // given: a first publisher stopped while its receiver refused everything
        AtomicInteger status = new AtomicInteger(503);
        List<String> refused = new CopyOnWriteArrayList<>();
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int answer = status.get();
            (answer == 200 ? accepted : refusedBodies).add(json(body.getBytes()));
            if (answer != 200) {
                refused.add(request.getHeader("X-Switchboard-Event-Id"));
            }
            request.response().setStatusCode(answer).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        URI uri = URI.create("http://127.0.0.1:" + receiver.actualPort() + "/events");
        EventOutbox outbox = new InMemoryEventOutbox();
        WebhookCallEventPublisher first = publisher(vertx, CallEventFixtures.fastConfig(), outbox, 4096);
        for (int n = 1; n <= 5; n++) {
            first.publish(origin(uri), tone(CallConnectionId.of("call-a"), Tone.ONE, n));
            first.publish(origin(uri), tone(CallConnectionId.of("call-b"), Tone.TWO, n));
        }
        until("both calls' first events attempted", () -> refused.stream().distinct().count() >= 2, first);
        first.close(Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
        publishers.remove(first);
        assertThat(outbox.pendingCount()).isEqualTo(10);

        // when: a second publisher starts on the same outbox, and the receiver accepts
        status.set(200);
        WebhookCallEventPublisher second = publisher(vertx, CallEventFixtures.fastConfig(), outbox, 4096);

        // then: the same events (the same ids), each call's in order
        until("all delivered", () -> second.stats().delivered() == 10, second);
        assertThat(accepted).extracting(json -> json.path("id").asText()).containsAll(refused)
                .doesNotHaveDuplicates();
        Map<String, List<Integer>> sequences = accepted.stream().collect(Collectors.groupingBy(
                json -> json.path("data").path("callConnectionId").asText(), Collectors.mapping(
                        json -> json.path("data").path("toneInfo").path("sequenceId").asInt(), Collectors.toList())));
        assertThat(sequences.values()).hasSize(2)
                .allSatisfy(arrived -> assertThat(arrived).containsExactly(1, 2, 3, 4, 5));
        until("nothing pending", () -> outbox.pendingCount() == 0, second);
    }

    @Test
    void keepsAnEventPublishedAfterTheStopForTheNextStartWhenTheOutboxOutlivesThePublisher(Vertx vertx)
            throws Exception {
        // given: a publisher on an outbox that outlives it (as a journal on disk does), stopped
        RecordingReceiver receiver = RecordingReceiver.start(vertx);
        EventOutbox outbox = new Outliving(new InMemoryEventOutbox());
        WebhookCallEventPublisher first = publisher(vertx, CallEventFixtures.fastConfig(), outbox, 4096);
        first.close(Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
        publishers.remove(first);

        // when: a call hung up at the stop reports its end a moment later
        first.publish(origin(receiver.uri()), tone(CallConnectionId.of("call-late"), Tone.ONE, 1));

        // then: the event is kept, not attempted, and the next publisher on the outbox delivers it
        until("kept", () -> outbox.pendingCount() == 1, first);
        assertThat(first.stats().givenUp()).isZero();
        WebhookCallEventPublisher second = publisher(vertx, CallEventFixtures.fastConfig(), outbox, 4096);
        until("delivered after the next start", () -> second.stats().delivered() == 1, second);
        assertThat(sequencesByCall(receiver)).containsExactly(Map.entry("call-late", List.of(1)));
    }

    /** An outbox that says it outlives its publisher, kept in memory: what a journal on disk is to a restart. */
    private record Outliving(InMemoryEventOutbox kept) implements EventOutbox {

        @Override
        public CompletionStage<Long> append(Accepted event) {
            return kept.append(event);
        }

        @Override
        public CompletionStage<Void> attempted(long seq, Attempt attempt) {
            return kept.attempted(seq, attempt);
        }

        @Override
        public CompletionStage<Optional<Pending>> requeue(long seq) {
            return kept.requeue(seq);
        }

        @Override
        public CompletionStage<List<Pending>> pending(long after, int limit) {
            return kept.pending(after, limit);
        }

        @Override
        public CompletionStage<List<Pending>> pending(CallConnectionId call, long after, int limit) {
            return kept.pending(call, after, limit);
        }

        @Override
        public long pendingCount() {
            return kept.pendingCount();
        }

        @Override
        public CompletionStage<List<Stored>> history(CallConnectionId call) {
            return kept.history(call);
        }

        @Override
        public CompletionStage<Void> flushed() {
            return kept.flushed();
        }

        @Override
        public boolean durable() {
            return true;
        }
    }

    private final List<JsonNode> refusedBodies = new CopyOnWriteArrayList<>();

    private static JsonNode json(byte[] body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void cutsAnAnswerThatNeverEndsAtTheDeadlineAndRetriesIt(Vertx vertx) throws Exception {
        // given: a receiver that answers 200 but trickles its body forever on the first request
        AtomicInteger requests = new AtomicInteger();
        HttpServer trickling = vertx.createHttpServer().requestHandler(request -> {
            if (requests.incrementAndGet() == 1) {
                request.response().setChunked(true).setStatusCode(200).write("{");
                vertx.setPeriodic(100, id -> request.response().write(" "));
            } else {
                request.response().setStatusCode(200).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        WebhookConfig config = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), "2025-05-15", Clock.systemUTC());
        WebhookCallEventPublisher publisher = publisher(vertx, config, new InMemoryEventOutbox(), 4096);

        // when
        publisher.publish(origin(URI.create("http://127.0.0.1:" + trickling.actualPort() + "/events")),
                tone(CallConnectionId.of("call-t"), Tone.ONE, 1));

        // then: the first attempt is given up at the deadline, the retry delivers
        until("delivered by a retry", () -> publisher.stats().delivered() == 1, publisher);
        assertThat(publisher.stats().retried()).isEqualTo(1);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void aReceiverThatDoesNotAnswerHoldsOnlyItsOwnCalls(Vertx vertx) throws Exception {
        // given: 40 calls whose receiver never answers, and 10 healthy calls on the same host and port
        RecordingReceiver receiver = RecordingReceiver.start(vertx, 0, Reply.status(200));
        HttpServer silent = vertx.createHttpServer().requestHandler(request -> { })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        WebhookConfig config = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(60), "2025-05-15", Clock.systemUTC());
        WebhookCallEventPublisher publisher = publisher(vertx, config, new InMemoryEventOutbox(), 4096);
        URI stalled = URI.create("http://127.0.0.1:" + silent.actualPort() + "/stalled");
        for (int c = 0; c < 40; c++) {
            publisher.publish(origin(stalled), tone(CallConnectionId.of("slow-" + c), Tone.ONE, 1));
        }

        // when
        for (int c = 0; c < 10; c++) {
            publisher.publish(origin(receiver.uri()), tone(CallConnectionId.of("healthy-" + c), Tone.ONE, 1));
        }

        // then: the healthy calls' events arrive while the stalled ones still wait for their answers
        until("the healthy calls delivered and settled, the stalled ones pending", () ->
                publisher.stats().delivered() == 10 && publisher.stats().pending() == 40, publisher);
        assertThat(receiver.requests()).hasSize(10);
    }

    @Test
    void callsOfAReceiverThatIsDownCannotFillTheMemoryOtherCallsNeed(Vertx vertx) throws Exception {
        // given: room for 8 events, and 4 calls with 4 events each whose receiver refuses them all
        RecordingReceiver down = RecordingReceiver.start(vertx, 0, Reply.status(503));
        RecordingReceiver up = RecordingReceiver.start(vertx);
        WebhookConfig config = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(60), "2025-05-15",
                Clock.systemUTC());
        WebhookCallEventPublisher publisher = publisher(vertx, config, new InMemoryEventOutbox(), 8);
        for (int n = 1; n <= 4; n++) {
            for (int c = 0; c < 4; c++) {
                publisher.publish(origin(down.uri()), tone(CallConnectionId.of("down-" + c), Tone.ONE, n));
            }
        }
        until("each refused call retried", () -> publisher.stats().retried() >= 4, publisher);

        // when: 4 calls of a healthy receiver publish
        for (int c = 0; c < 4; c++) {
            publisher.publish(origin(up.uri()), tone(CallConnectionId.of("up-" + c), Tone.ONE, 1));
        }

        // then: they are delivered while the refused ones keep waiting
        until("the healthy calls delivered and settled", () -> up.requests().size() == 4
                && publisher.stats().delivered() == 4 && publisher.stats().pending() == 16, publisher);
        assertThat(down.requests()).extracting(RecordingReceiver.Received::eventId).doesNotContainAnyElementsOf(
                up.eventIds()); // the refused calls' events never went to the healthy receiver
    }

    @Test
    void resendsAGivenUpEventOnceMoreWithItsIdAndKeepsTheNewAttempt(Vertx vertx) throws Exception {
        // given: a receiver that refuses for good (410: not retried), so the call's one event is given up
        AtomicInteger status = new AtomicInteger(410);
        List<String> ids = new CopyOnWriteArrayList<>();
        HttpServer receiver = vertx.createHttpServer().requestHandler(request -> {
            ids.add(request.getHeader("X-Switchboard-Event-Id"));
            request.response().setStatusCode(status.get()).end();
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        URI uri = URI.create("http://127.0.0.1:" + receiver.actualPort() + "/events");
        EventOutbox outbox = new InMemoryEventOutbox();
        WebhookCallEventPublisher publisher = publisher(vertx, CallEventFixtures.fastConfig(), outbox, 4096);
        CallConnectionId call = CallConnectionId.of("call-r");
        publisher.publish(origin(uri), tone(call, Tone.ONE, 1));
        until("given up", () -> publisher.stats().givenUp() == 1 && publisher.stats().pending() == 0, publisher);
        // the figures move when the outcome is known; the outbox keeps it a moment later
        Eventually.until("kept given up", () -> outbox.history(call).toCompletableFuture().join().get(0).state()
                == EventOutbox.State.GIVEN_UP, publisher::stats);
        long seq = outbox.history(call).toCompletableFuture().get(5, TimeUnit.SECONDS).get(0).seq();

        // when: the receiver is mended and the event resent
        status.set(200);
        boolean resent = publisher.resend(seq).toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then: posted again with the same id, delivered, the history keeps both attempts
        assertThat(resent).isTrue();
        until("delivered", () -> publisher.stats().delivered() == 1 && publisher.stats().pending() == 0, publisher);
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        Eventually.until("kept delivered", () -> outbox.history(call).toCompletableFuture().join().get(0).state()
                == EventOutbox.State.DELIVERED, publisher::stats);
        EventOutbox.Stored kept = outbox.history(call).toCompletableFuture().get(5, TimeUnit.SECONDS).get(0);
        assertThat(kept.attempts()).extracting(a -> a.status().getAsInt()).containsExactly(410, 200);
        // and a delivered event is not resent
        assertThat(publisher.resend(seq).toCompletableFuture().get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(outbox.pendingCount()).isZero();
    }
}
