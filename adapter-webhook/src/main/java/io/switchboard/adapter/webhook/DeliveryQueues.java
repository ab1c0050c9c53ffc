package io.switchboard.adapter.webhook;

import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.domain.call.CallConnectionId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery state: one FIFO queue per call whose head is the only event of that call in flight or waiting for a
 * retry, so a receiver sees a call's events in order. Calls do not wait for each other.
 *
 * <p>Confined to one Vert.x context: every method except {@link #stats()} and {@link #accepted()} must run on it.
 * Timers and client responses complete on the context they were started from, so they stay on it too.
 */
final class DeliveryQueues {

    private static final System.Logger LOG = System.getLogger(WebhookCallEventPublisher.class.getName());

    private final Vertx vertx;
    private final WebClient client;
    private final RequestSigner signer;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final long responseTimeoutMillis;
    private final OutboundPolicy outbound;
    private final Map<CallConnectionId, CallQueue> queues = new HashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private Promise<Void> drained;
    private boolean stopped;

    /** The events of one call still to deliver; the head is in flight or waiting for its retry timer. */
    private static final class CallQueue {
        final ArrayDeque<Delivery> events = new ArrayDeque<>();
        long retryTimer = -1;
    }

    DeliveryQueues(Vertx vertx, WebClient client, RequestSigner signer, RetryPolicy retryPolicy, Clock clock,
                   Duration responseTimeout, OutboundPolicy outbound) {
        this.vertx = vertx;
        this.outbound = outbound;
        this.client = client;
        this.signer = signer;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.responseTimeoutMillis = responseTimeout.toMillis();
    }

    /** Counts an event accepted on any thread, before it reaches the context; it is pending from now on. */
    void accepted() {
        pending.incrementAndGet();
    }

    WebhookStats stats() {
        return new WebhookStats(delivered.get(), retried.get(), givenUp.get(), pending.get());
    }

    void enqueue(Delivery delivery) {
        if (stopped) {
            // Accepted just as close() gave up waiting; the client is closed, so this event cannot go out.
            giveUp(delivery, "publisher closed");
            return;
        }
        CallQueue queue = queues.computeIfAbsent(delivery.callId, id -> new CallQueue());
        queue.events.addLast(delivery);
        if (queue.events.size() == 1) {
            attempt(queue, delivery);
        }
    }

    /**
     * Resolves the target's host and checks every address against the policy first: a refused one gives the event
     * up at once (a retry would meet the same refusal); the POST then goes to the address checked.
     */
    private void attempt(CallQueue queue, Delivery delivery) {
        queue.retryTimer = -1;
        String host = delivery.uri.getHost();
        vertx.executeBlocking(() -> InetAddress.getAllByName(host), false).onComplete(resolved -> {
            if (stopped) {
                return;
            }
            if (resolved.failed()) {
                onFailure(queue, delivery, "unknown host " + host, Optional.empty());
                return;
            }
            Optional<String> refused = outbound.refusal(resolved.result());
            if (refused.isPresent()) {
                giveUp(delivery, refused.get() + " (not retried)");
                next(queue, delivery);
                return;
            }
            post(queue, delivery, resolved.result()[0]);
        });
    }

    private void post(CallQueue queue, Delivery delivery, InetAddress address) {
        URI uri = delivery.uri;
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timestamp = clock.instant().getEpochSecond();
        client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(port, address.getHostAddress()), port,
                        uri.getHost(), path)
                .ssl(tls)
                .as(BodyCodec.none())
                .timeout(responseTimeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Switchboard-Event-Id", delivery.eventId)
                .putHeader("X-Switchboard-Timestamp", Long.toString(timestamp))
                .putHeader("X-Switchboard-Signature", signer.sign(delivery.eventId, timestamp, delivery.body))
                .sendBuffer(delivery.buffer)
                .onComplete(response -> {
                    if (stopped) {
                        return; // close() has already given this event up
                    }
                    if (response.succeeded()) {
                        onResponse(queue, delivery, response.result());
                    } else {
                        onFailure(queue, delivery, describe(response.cause()), Optional.empty());
                    }
                });
    }

    private void onResponse(CallQueue queue, Delivery delivery, HttpResponse<Void> response) {
        int status = response.statusCode();
        switch (RetryPolicy.classify(status)) {
            case DELIVERED -> {
                delivered.incrementAndGet();
                LOG.log(Level.DEBUG, () -> "callback delivered: " + delivery + " (HTTP " + status + ")");
                settled();
                next(queue, delivery);
            }
            case RETRY -> onFailure(queue, delivery, "HTTP " + status,
                    RetryPolicy.retryAfter(status, response.getHeader("Retry-After")));
            case GIVE_UP -> {
                giveUp(delivery, "HTTP " + status + " from " + delivery.uri + " (not retried)");
                next(queue, delivery);
            }
        }
    }

    private void onFailure(CallQueue queue, Delivery delivery, String reason, Optional<Duration> retryAfter) {
        delivery.failedAttempts++;
        if (retryPolicy.windowClosed(delivery.acceptedAt, clock.instant())) {
            giveUp(delivery, reason + " from " + delivery.uri + ", retry window over after "
                    + delivery.failedAttempts + " attempts");
            next(queue, delivery);
            return;
        }
        Duration delay = retryPolicy.delay(delivery.failedAttempts, retryAfter);
        retried.incrementAndGet();
        LOG.log(Level.WARNING, () -> "callback failed: " + delivery + ": " + reason + " from " + delivery.uri
                + "; attempt " + delivery.failedAttempts + ", retrying in " + delay.toMillis() + " ms");
        queue.retryTimer = vertx.setTimer(Math.max(1, delay.toMillis()), timer -> attempt(queue, delivery));
    }

    /** The head of {@code queue} is done: start the call's next event, or forget the call. */
    private void next(CallQueue queue, Delivery done) {
        queue.events.removeFirst();
        Delivery following = queue.events.peekFirst();
        if (following != null) {
            attempt(queue, following);
        } else {
            queues.remove(done.callId);
        }
    }

    /**
     * Completes once nothing is pending, or after {@code timeout}: then every event still queued is given up. Either
     * way, nothing is sent afterwards.
     */
    Future<Void> drain(Duration timeout) {
        if (drained == null) {
            drained = Promise.promise();
            drained.future().onComplete(done -> stopped = true);
            if (pending.get() == 0) {
                drained.complete();
            } else {
                long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), fired -> abandonAll());
                drained.future().onComplete(done -> vertx.cancelTimer(timer));
            }
        }
        return drained.future();
    }

    private void abandonAll() {
        stopped = true;
        List<CallQueue> left = List.copyOf(queues.values());
        queues.clear();
        for (CallQueue queue : left) {
            if (queue.retryTimer != -1) {
                vertx.cancelTimer(queue.retryTimer);
            }
            queue.events.forEach(delivery -> giveUp(delivery, "still pending when close() stopped waiting"));
        }
        drained.tryComplete();
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    private void giveUp(Delivery delivery, String reason) {
        givenUp.incrementAndGet();
        LOG.log(Level.ERROR, () -> "callback given up: " + delivery + ": " + reason);
        settled();
    }

    private void settled() {
        if (pending.decrementAndGet() == 0 && drained != null) {
            drained.tryComplete();
        }
    }
}
