package io.switchboard.adapter.webhook;

import io.switchboard.application.port.out.EventOutbox.Accepted;
import io.switchboard.application.port.out.EventOutbox.Attempt;
import io.switchboard.application.port.out.EventOutbox.Pending;
import io.switchboard.application.port.out.EventOutbox.State;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.domain.call.CallConnectionId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The delivery state over an {@link EventOutbox}: one FIFO queue per call whose head is the only event of that call
 * in flight or waiting for a retry, so a receiver sees a call's events in order. Calls do not wait for each other.
 *
 * <p><b>Kept first.</b> An event is appended to the outbox, and its first attempt made only once the outbox has kept
 * it; every attempt and its outcome are kept too, so that after a restart the pending events go on where they were.
 *
 * <p><b>Bounded memory.</b> Only a window of each call's events is in memory ({@value #WINDOW} at most, only the head
 * while it is being retried), and new calls are taken in only while fewer than {@code capacity} events are: the rest
 * wait in the outbox, read back in order (per call when its window empties; all calls' oldest first when room is
 * made), so a million pending events cost no heap. What came in while the memory was full is found by sequence
 * number: every pending event up to {@code loadedUpTo} is in memory or behind its call's window.
 *
 * <p><b>Receivers do not stall each other.</b> Each attempt has a total deadline (connection, answer and body); at
 * most {@code perTarget} attempts to one callback URI are in flight, so a slow receiver holds its own calls only.
 *
 * <p>Confined to one Vert.x context: every method except {@link #stats()} and {@link #accepting()} must run on it.
 * The outbox's answers come back through {@link Context#runOnContext}, in the order they were asked for.
 */
final class DeliveryQueues {

    /** A call's events in memory at most; the rest wait in the outbox. */
    static final int WINDOW = 16;

    private static final System.Logger LOG = System.getLogger(WebhookCallEventPublisher.class.getName());
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+");

    private final Context context;
    private final Vertx vertx;
    private final HttpClientAgent client;
    private final RequestSigner signer;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final long deadlineMillis;
    private final OutboundPolicy outbound;
    private final EventOutbox outbox;
    private final int capacity;
    private final int perTarget;
    private final Map<CallConnectionId, CallQueue> queues = new HashMap<>();
    private final Map<String, Target> targets = new HashMap<>();
    /** Hosts resolved lately; a name is looked up again after {@value #RESOLVED_MILLIS} ms. */
    private final Map<String, Resolved> resolved = new HashMap<>();
    private static final long RESOLVED_MILLIS = 5_000;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deliveredLatencyNanos = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    /**
     * Events accepted and neither delivered nor given up, as this publisher has seen them settle (the outbox learns of
     * each settlement a moment later): at start, what the outbox kept pending.
     */
    private final AtomicLong pending;
    private int inMemory;
    private long loadedUpTo;
    private boolean overflowing = true; // until the outbox has been read from its start
    private boolean refilling;
    private Promise<Void> drained;
    private boolean stopped;
    private boolean keptAfterStop;

    /** The events of one call in memory; the head is in flight or waiting for its retry timer. */
    private static final class CallQueue {
        final CallConnectionId id;
        final ArrayDeque<Delivery> window = new ArrayDeque<>();
        /** Whether later events of the call wait in the outbox only. */
        boolean spilled;
        /** A resent event's own queue, beside the call's: settling it ends it (see {@link #resend}). */
        final boolean detached;
        boolean fetching;
        long lastSeq;
        long retryTimer = -1;

        CallQueue(CallConnectionId id) {
            this(id, false);
        }

        CallQueue(CallConnectionId id, boolean detached) {
            this.id = id;
            this.detached = detached;
        }
    }

    /** The attempts in flight to one callback URI, and those waiting for a place. */
    private static final class Target {
        int inFlight;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }

    DeliveryQueues(Context context, HttpClientAgent client, RequestSigner signer, RetryPolicy retryPolicy,
                   Clock clock, Duration deadline, OutboundPolicy outbound, EventOutbox outbox, int capacity,
                   int perTarget) {
        this.context = context;
        this.vertx = context.owner();
        this.client = client;
        this.signer = signer;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.deadlineMillis = deadline.toMillis();
        this.outbound = outbound;
        this.outbox = outbox;
        this.capacity = capacity;
        this.perTarget = perTarget;
        this.pending = new AtomicLong(outbox.pendingCount());
    }

    /** Starts delivering what the outbox kept from before. */
    void start() {
        long left = pending.get();
        if (left > 0) {
            LOG.log(Level.INFO, "callbacks: " + left + " events pending from before the start, delivered now");
        }
        refill();
    }

    /** Counts an event accepted on any thread, before it reaches the context; it is pending from now on. */
    void accepting() {
        pending.incrementAndGet();
    }

    WebhookStats stats() {
        return new WebhookStats(delivered.get(), retried.get(), givenUp.get(), pending.get());
    }

    Duration deliveredLatency() {
        return Duration.ofNanos(deliveredLatencyNanos.get());
    }

    /** Keeps the event, then delivers it; after the stop, only keeps it for the next start if the outbox is durable. */
    void accept(Accepted event) {
        if (stopped) {
            if (outbox.durable()) {
                keepForNextStart(event);
            } else {
                refuse(event, "the publisher has stopped, and the outbox is in memory only");
            }
            return;
        }
        outbox.append(event).whenComplete((seq, error) -> context.runOnContext(v -> {
            if (error != null) {
                refuse(event, "the journal did not keep it: " + describe(error));
            } else {
                committed(seq, event);
            }
        }));
    }

    private void keepForNextStart(Accepted event) {
        if (!keptAfterStop) {
            keptAfterStop = true;
            LOG.log(Level.WARNING, "callbacks accepted after the stop are kept in the journal for the next start");
        }
        LOG.log(Level.DEBUG, () -> "callback kept for the next start: call " + event.callId().value() + " event "
                + event.eventId());
        outbox.append(event).whenComplete((seq, error) -> {
            if (error != null) {
                context.runOnContext(v -> refuse(event, "the journal did not keep it: " + describe(error)));
            }
        });
    }

    private void refuse(Accepted event, String why) {
        pending.decrementAndGet();
        givenUp.incrementAndGet();
        LOG.log(Level.ERROR, () -> "callback given up: call " + event.callId().value() + " event " + event.eventId()
                + ": " + why);
    }

    /** A newly kept event, in sequence order. */
    private void committed(long seq, Accepted event) {
        if (stopped || overflowing || seq <= loadedUpTo) {
            return; // found in the outbox later, or already read back from it
        }
        CallQueue queue = queues.get(event.callId());
        if (queue == null) {
            if (inMemory >= capacity) {
                overflowing = true;
                LOG.log(Level.WARNING, () -> "callbacks: " + inMemory + " events in memory; later ones wait in the "
                        + "journal");
                return;
            }
            queue = new CallQueue(event.callId());
            queues.put(event.callId(), queue);
        }
        loadedUpTo = seq;
        admit(queue, new Pending(seq, event, 0, Optional.empty()));
    }

    /** Takes a call's event into its window, or leaves it in the outbox; the head is always taken. */
    private void admit(CallQueue queue, Pending pending) {
        if (pending.seq() <= queue.lastSeq) {
            return;
        }
        if (queue.spilled || queue.window.size() >= WINDOW || inMemory >= capacity && !queue.window.isEmpty()) {
            queue.spilled = true;
            return;
        }
        queue.window.addLast(Delivery.of(pending));
        queue.lastSeq = pending.seq();
        inMemory++;
        if (queue.window.size() == 1) {
            start(queue);
        }
    }

    private void start(CallQueue queue) {
        Delivery head = queue.window.peekFirst();
        long wait = head.nextAttempt.map(at -> Duration.between(clock.instant(), at).toMillis()).orElse(0L);
        if (wait > 0) {
            queue.retryTimer = vertx.setTimer(wait, timer -> attempt(queue, head));
        } else {
            attempt(queue, head);
        }
    }

    /**
     * Waits for a place among the target's attempts, then resolves its host and checks it against the policy. An event
     * past its deliver-by time is given up unsent, unless an operator resent it.
     */
    private void attempt(CallQueue queue, Delivery delivery) {
        queue.retryTimer = -1;
        if (stopped) {
            return;
        }
        Instant started = clock.instant();
        if (!queue.detached && !delivery.worthAttemptingAt(started)) {
            String detail = "not sent: past its deliver-by time " + delivery.event.deliverBy().orElseThrow();
            giveUp(queue, delivery, new Attempt(delivery.failedAttempts + 1, started, OptionalInt.empty(), detail,
                    Duration.ZERO, State.GIVEN_UP, Optional.empty()), detail + " (to " + delivery.event.target() + ")");
            return;
        }
        String key = delivery.event.target().toString();
        Target target = targets.computeIfAbsent(key, k -> new Target());
        if (target.inFlight >= perTarget) {
            target.waiting.addLast(() -> attempt(queue, delivery));
            return;
        }
        target.inFlight++;
        Runnable release = () -> release(key, target);
        String host = delivery.event.target().getHost();
        resolve(host).onComplete(resolved -> {
            if (resolved.failed()) {
                release.run();
                finished(queue, delivery, started, OptionalInt.empty(), "unknown host " + host,
                        RetryPolicy.Verdict.RETRY, Optional.empty());
                return;
            }
            Optional<String> refused = outbound.refusal(resolved.result());
            if (refused.isPresent()) {
                release.run();
                finished(queue, delivery, started, OptionalInt.empty(), refused.get() + " (not retried)",
                        RetryPolicy.Verdict.GIVE_UP, Optional.empty());
                return;
            }
            post(queue, delivery, resolved.result()[0], started, release);
        });
    }

    /**
     * The addresses of a host: from the cache of the last {@value #RESOLVED_MILLIS} ms, else an IP literal at once or a
     * name from the system resolver on a worker thread (it may block).
     */
    private Future<InetAddress[]> resolve(String host) {
        Resolved cached = resolved.get(host);
        long now = System.nanoTime();
        if (cached != null && now - cached.at < RESOLVED_MILLIS * 1_000_000L) {
            return Future.succeededFuture(cached.addresses);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IP_LITERAL.matcher(bare).matches() || bare.contains(":")) {
            try {
                InetAddress[] literal = {InetAddress.getByName(bare)}; // a literal: no lookup
                remember(host, literal, now);
                return Future.succeededFuture(literal);
            } catch (java.net.UnknownHostException e) {
                return Future.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
                .onSuccess(addresses -> remember(host, addresses, now));
    }

    private void remember(String host, InetAddress[] addresses, long now) {
        if (resolved.size() > 10_000) {
            resolved.clear();
        }
        resolved.put(host, new Resolved(addresses, now));
    }

    private record Resolved(InetAddress[] addresses, long at) {
    }

    private void release(String key, Target target) {
        target.inFlight--;
        Runnable next = target.waiting.pollFirst();
        if (next != null) {
            next.run();
        } else if (target.inFlight == 0) {
            targets.remove(key);
        }
    }

    /** One POST to the address checked, its answer read to its end within the deadline. */
    private void post(CallQueue queue, Delivery delivery, InetAddress address, Instant started, Runnable release) {
        URI uri = delivery.event.target();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timestamp = clock.instant().getEpochSecond();
        String eventId = delivery.event.eventId();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost()).setPort(port).setURI(path).setSsl(tls)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", WebhookCallEventPublisher.USER_AGENT)
                .putHeader("X-Switchboard-Event-Id", eventId)
                .putHeader("X-Switchboard-Timestamp", Long.toString(timestamp))
                .putHeader("X-Switchboard-Signature", signer.sign(eventId, timestamp, delivery.event.body()));
        Promise<HttpClientResponse> answered = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long deadline = vertx.setTimer(Math.max(1, deadlineMillis), fired -> {
            if (answered.tryFail("no complete answer within " + deadlineMillis + " ms") && sent[0] != null) {
                sent[0].reset();
            }
        });
        client.request(options).compose(request -> {
            sent[0] = request;
            return request.send(delivery.buffer).compose(response -> {
                response.handler(ignored -> { });
                return response.end().map(response);
            });
        }).onComplete(done -> {
            if (done.succeeded()) {
                answered.tryComplete(done.result());
            } else {
                answered.tryFail(done.cause());
            }
        });
        answered.future().onComplete(outcome -> {
            vertx.cancelTimer(deadline);
            release.run();
            if (outcome.failed()) {
                finished(queue, delivery, started, OptionalInt.empty(), describe(outcome.cause()),
                        RetryPolicy.Verdict.RETRY, droppedBeforeAnswer(outcome.cause())
                                ? RetryPolicy.closedBeforeAnswer(delivery.failedAttempts) : Optional.empty());
                return;
            }
            HttpClientResponse response = outcome.result();
            int status = response.statusCode();
            finished(queue, delivery, started, OptionalInt.of(status), "HTTP " + status, RetryPolicy.classify(status),
                    RetryPolicy.retryAfter(status, response.getHeader("Retry-After")));
        });
    }

    /**
     * An attempt's outcome: kept in the outbox, then the call's next event, or a retry of this one.
     *
     * @param retryAfter a retry's wait other than the backoff: the receiver's {@code Retry-After}, or none at all
     *                   after a first connection closed before an answer ({@link RetryPolicy#closedBeforeAnswer})
     */
    private void finished(CallQueue queue, Delivery delivery, Instant started, OptionalInt status, String detail,
                          RetryPolicy.Verdict verdict, Optional<Duration> retryAfter) {
        if (stopped) {
            return; // not kept: the event is attempted again at the next start
        }
        Instant now = clock.instant();
        Duration took = Duration.between(started, now);
        int number = delivery.failedAttempts + 1;
        String where = " from " + delivery.event.target();
        switch (verdict) {
            case DELIVERED -> {
                pending.decrementAndGet();
                delivered.incrementAndGet();
                deliveredLatencyNanos.addAndGet(Math.max(0, Duration.between(delivery.event.acceptedAt(), now)
                        .toNanos()));
                LOG.log(Level.DEBUG, () -> "callback delivered: " + delivery + " (" + detail + ")");
                keep(delivery, new Attempt(number, started, status, detail, took, State.DELIVERED, Optional.empty()));
                done(queue);
            }
            case GIVE_UP -> giveUp(queue, delivery, new Attempt(number, started, status, detail, took,
                    State.GIVEN_UP, Optional.empty()), detail + where + (status.isPresent() ? " (not retried)" : ""));
            case RETRY -> {
                delivery.failedAttempts++;
                if (retryPolicy.windowClosed(delivery.event.acceptedAt(), now)) {
                    giveUp(queue, delivery, new Attempt(number, started, status, detail, took, State.GIVEN_UP,
                            Optional.empty()), detail + where + ", retry window over after "
                            + delivery.failedAttempts + " attempts");
                    return;
                }
                Duration delay = retryPolicy.delay(delivery.failedAttempts, retryAfter);
                Instant next = now.plus(delay);
                if (!delivery.worthAttemptingAt(next)) {
                    giveUp(queue, delivery, new Attempt(number, started, status, detail, took, State.GIVEN_UP,
                            Optional.empty()), detail + where + ", not retried: its deliver-by time "
                            + delivery.event.deliverBy().orElseThrow() + " comes before the next attempt");
                    return;
                }
                delivery.nextAttempt = Optional.of(next);
                shrinkToHead(queue);
                retried.incrementAndGet();
                LOG.log(Level.WARNING, () -> "callback failed: " + delivery + ": " + detail + where + "; attempt "
                        + number + ", retrying in " + delay.toMillis() + " ms");
                keep(delivery, new Attempt(number, started, status, detail, took, State.PENDING, Optional.of(next)));
                queue.retryTimer = vertx.setTimer(Math.max(1, delay.toMillis()), timer -> attempt(queue, delivery));
            }
        }
    }

    /**
     * A call whose receiver fails keeps only its head in memory while it waits: the rest of its window goes back to
     * the outbox (read again once the head is settled), so that calls of a receiver that is down cannot fill the
     * memory that other calls' events need.
     */
    private void shrinkToHead(CallQueue queue) {
        if (queue.window.size() <= 1) {
            return;
        }
        Delivery head = queue.window.peekFirst();
        int dropped = queue.window.size() - 1;
        queue.window.clear();
        queue.window.addLast(head);
        queue.lastSeq = head.seq;
        queue.spilled = true;
        inMemory -= dropped;
        refill();
    }

    private void giveUp(CallQueue queue, Delivery delivery, Attempt attempt, String why) {
        pending.decrementAndGet();
        givenUp.incrementAndGet();
        LOG.log(Level.ERROR, () -> "callback given up: " + delivery + ": " + why);
        keep(delivery, attempt);
        done(queue);
    }

    private void keep(Delivery delivery, Attempt attempt) {
        outbox.attempted(delivery.seq, attempt).whenComplete((kept, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "callback attempt not kept in the journal: " + delivery + ": "
                        + describe(error));
            }
        });
    }

    /**
     * One more attempt, at once, at an event that was given up and that the outbox has put back to pending (an
     * operator's resend). It goes in a queue of its own beside its call's, not into it: the call's order was settled
     * when the event was given up. A failure is retried only while the event's retry window is open, so after a
     * while it is given up again.
     */
    void resend(Pending requeued) {
        if (stopped) {
            return; // pending in the outbox: attempted after the next start
        }
        pending.incrementAndGet();
        CallQueue queue = new CallQueue(requeued.event().callId(), true);
        Delivery delivery = Delivery.of(requeued);
        queue.window.addLast(delivery);
        inMemory++;
        LOG.log(Level.INFO, () -> "callback resent at an operator's request: " + delivery);
        attempt(queue, delivery);
    }

    /** The head of {@code queue} is settled: start the call's next event, read more from the outbox, or forget it. */
    private void done(CallQueue queue) {
        queue.window.removeFirst();
        inMemory--;
        if (queue.detached) {
            return;
        }
        if (!queue.window.isEmpty()) {
            start(queue);
        } else if (queue.spilled) {
            fetch(queue);
        } else {
            queues.remove(queue.id);
        }
        refill();
    }

    /** Reads the call's next events back from the outbox. */
    private void fetch(CallQueue queue) {
        queue.fetching = true;
        outbox.pending(queue.id, queue.lastSeq, WINDOW).whenComplete((found, error) -> context.runOnContext(v -> {
            queue.fetching = false;
            if (stopped) {
                return;
            }
            if (error != null) {
                LOG.log(Level.ERROR, "callbacks of call " + queue.id.value() + " not read from the journal: "
                        + describe(error) + "; trying again in 1 s");
                vertx.setTimer(1000, timer -> fetch(queue));
                return;
            }
            queue.spilled = false;
            found.forEach(pending -> admit(queue, pending));
            if (found.size() >= WINDOW) {
                queue.spilled = true;
            }
            if (queue.window.isEmpty()) {
                if (queue.spilled) {
                    fetch(queue);
                } else {
                    queues.remove(queue.id);
                }
            }
        }));
    }

    /** While events wait in the outbox with no call in memory, reads the oldest back once half the room is free. */
    private void refill() {
        if (!overflowing || refilling || stopped || inMemory > capacity / 2) {
            return;
        }
        refilling = true;
        int room = capacity - inMemory;
        outbox.pending(loadedUpTo, room).whenComplete((found, error) -> context.runOnContext(v -> {
            refilling = false;
            if (stopped) {
                return;
            }
            if (error != null) {
                LOG.log(Level.ERROR, "callbacks not read from the journal: " + describe(error)
                        + "; trying again in 1 s");
                vertx.setTimer(1000, timer -> refill());
                return;
            }
            for (Pending pending : found) {
                loadedUpTo = Math.max(loadedUpTo, pending.seq());
                admit(queues.computeIfAbsent(pending.event().callId(), CallQueue::new), pending);
            }
            if (found.size() < room) {
                overflowing = false;
            }
            queues.values().removeIf(q -> q.window.isEmpty() && !q.spilled && !q.fetching);
            refill();
        }));
    }

    /**
     * Completes once nothing is pending, or after {@code timeout}; then nothing more is attempted, and what is left
     * stays in the outbox (for the next start, if it is durable; lost and said so if not).
     */
    Future<Void> drain(Duration timeout) {
        if (drained == null) {
            drained = Promise.promise();
            long deadline = System.nanoTime() + timeout.toNanos();
            long poll = vertx.setPeriodic(20, id -> {
                if (stats().pending() == 0 || System.nanoTime() - deadline >= 0) {
                    stop();
                }
            });
            drained.future().onComplete(done -> vertx.cancelTimer(poll));
            if (stats().pending() == 0) {
                stop();
            }
        }
        return drained.future();
    }

    private void stop() {
        stopped = true;
        queues.values().forEach(queue -> {
            if (queue.retryTimer != -1) {
                vertx.cancelTimer(queue.retryTimer);
            }
        });
        queues.clear();
        targets.clear();
        long left = pending.get();
        if (left > 0 && outbox.durable()) {
            LOG.log(Level.WARNING, "callbacks: " + left + " events still pending at stop; kept in the journal, "
                    + "they are delivered after the next start");
        } else if (left > 0) {
            givenUp.addAndGet(left);
            pending.addAndGet(-left);
            LOG.log(Level.ERROR, "callbacks given up: " + left + " events still pending at stop, and the outbox is "
                    + "in memory only");
        }
        outbox.flushed().whenComplete((flushed, error) -> context.runOnContext(v -> drained.tryComplete()));
    }

    /**
     * Whether an attempt failed on a connection the receiver closed or reset before answering, as opposed to one it
     * could not make (refused, unreachable, timed out: a {@link ConnectException}), a TLS handshake it failed or an
     * answer it did not give in time.
     */
    private static boolean droppedBeforeAnswer(Throwable failure) {
        return failure instanceof HttpClosedException || failure instanceof IOException
                && !(failure instanceof ConnectException) && !(failure instanceof SSLException);
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
