package io.switchboard.adapter.webhook;

import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.application.port.out.EventOutbox.Accepted;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.application.port.out.EventRedelivery;
import io.switchboard.application.port.out.IncomingCallNotifier;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.application.port.out.RecordingFileNotifier;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.CallEvent;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Delivers call events to their callback target as signed HTTP POSTs of CloudEvents, in the schema of the target
 * (a bare CloudEvent for the 2021 origin API, a one-element array for GA).
 *
 * <p><b>Acceptance.</b> {@link #publish} may be called from any thread and never blocks: it gives the event a random
 * UUID id and the clock's time, serialises it once, and hands it to the {@link EventOutbox}; the first attempt is made
 * once the outbox has kept it, and with a journal on disk it survives a crash or a stop (delivered after the next
 * start, with the same id and body, its retries going on where they were). Events a schema does not send (e.g. GA's
 * connecting state) are dropped silently. Events published while {@link #close} drains are delivered as usual; after it,
 * they are kept in a durable outbox for the next start (given up, with a log line, in a memory one).
 *
 * <p><b>Order and retries.</b> The events of one call are delivered strictly in publish order (per publishing
 * thread): one request per call at a time, later events waiting while an earlier one is retried. Connection errors,
 * timeouts, 408, 429 and 5xx are retried with exponential backoff (honouring {@code Retry-After} seconds on 429/503)
 * until the retry window since acceptance has passed; any other non-2xx is not retried. All retries of an event carry
 * the same id and body. Each attempt must be answered in full (status, headers and body) within the response
 * timeout; at most {@value #ATTEMPTS_PER_TARGET} attempts to one callback URI are in flight, so a slow receiver
 * holds only its own calls' events. See {@link DeliveryQueues}.
 *
 * <p><b>Signature.</b> Each attempt sends {@code X-Switchboard-Event-Id}, {@code X-Switchboard-Timestamp} (unix
 * seconds of the attempt) and {@code X-Switchboard-Signature: v1=base64(HMAC-SHA256(key, id.timestamp.body))}.
 *
 * <p><b>Threading.</b> The delivery state lives on the Vert.x context current when {@link #create} is called (a new
 * event-loop context when called off Vert.x); {@link #stats} may be read from any thread.
 */
public final class WebhookCallEventPublisher implements CallEventPublisher, EventRedelivery {

    static final String USER_AGENT = "Switchboard-Webhook/0.1";
    /** Attempts in flight to one callback URI at most; the rest wait for a place, other URIs do not. */
    static final int ATTEMPTS_PER_TARGET = 128;
    /** Connections to one receiver host:port at most: room for several callback URIs at their limit. */
    private static final int CONNECTIONS_PER_HOST = 512;
    /** Events in memory at most (about 2 KiB each); the rest wait in the outbox. */
    private static final int EVENTS_IN_MEMORY = 4096;

    private final Context context;
    private final HttpClientAgent client;
    private final Clock clock;
    private final CloudEventSerializer serializer;
    private final DeliveryQueues queues;
    private final EventOutbox outbox;
    private final AtomicReference<CompletionStage<Void>> closing = new AtomicReference<>();

    private WebhookCallEventPublisher(Context context, HttpClientAgent client, WebhookConfig config,
                                      OutboundPolicy outbound, EventOutbox outbox, int eventsInMemory) {
        this.context = context;
        this.client = client;
        this.clock = config.clock();
        this.outbox = outbox;
        this.serializer = new CloudEventSerializer(config.gaApiVersion());
        RetryPolicy retryPolicy = new RetryPolicy(config.firstRetryDelay(), config.maxRetryDelay(),
                config.retryWindow(), () -> ThreadLocalRandom.current().nextDouble());
        this.queues = new DeliveryQueues(context, client, new RequestSigner(config.signingKey()),
                retryPolicy, clock, config.responseTimeout(), outbound, outbox, eventsInMemory,
                ATTEMPTS_PER_TARGET);
        context.runOnContext(started -> queues.start());
    }

    /**
     * Creates the publisher and its HTTP client, posting only to the addresses {@code outbound} allows, keeping the
     * events in {@code outbox} (and delivering at once what it kept from before); {@link #close} releases the client,
     * not the outbox.
     */
    public static WebhookCallEventPublisher create(Vertx vertx, WebhookConfig config, OutboundPolicy outbound,
                                                   EventOutbox outbox) {
        return create(vertx, config, outbound, outbox, EVENTS_IN_MEMORY);
    }

    /** As {@link #create(Vertx, WebhookConfig, OutboundPolicy, EventOutbox)}, with room for fewer events in memory. */
    static WebhookCallEventPublisher create(Vertx vertx, WebhookConfig config, OutboundPolicy outbound,
                                            EventOutbox outbox, int eventsInMemory) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
        HttpClientAgent client = vertx.createHttpClient(options,
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
        return new WebhookCallEventPublisher(vertx.getOrCreateContext(), client, config,
                Objects.requireNonNull(outbound, "outbound"), Objects.requireNonNull(outbox, "outbox"), eventsInMemory);
    }

    /**
     * Accepts an event for delivery to {@code target}; returns at once.
     *
     * @throws IllegalStateException if the event's type has no wire mapping (a programming error)
     */
    @Override
    public void publish(CallbackTarget target, CallEvent event, CallConnectionId connection) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(connection, "connection");
        String eventId = UUID.randomUUID().toString();
        Instant acceptedAt = clock.instant();
        Optional<byte[]> body = serializer.serialize(target.schema(), event, eventId, acceptedAt, connection);
        if (body.isEmpty()) {
            return; // this schema has no such event
        }
        accept(new Accepted(eventId, connection, target.uri(), body.get(), acceptedAt));
    }

    /** Puts the given-up event back to pending, then attempts it once more at once (see DeliveryQueues#resend). */
    @Override
    public CompletionStage<Boolean> resend(long seq) {
        return outbox.requeue(seq).thenApply(requeued -> {
            requeued.ifPresent(event -> context.runOnContext(v -> queues.resend(event)));
            return requeued.isPresent();
        });
    }

    /**
     * Tells the application of calls ringing here through this publisher's queues: ACS's IncomingCall, in Event
     * Grid's schema, to the given endpoint.
     */
    public IncomingCallNotifier incomingCalls(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new EventGridNotices(this, endpoint, () -> endpoint, clock);
    }

    /**
     * Tells the application of recordings ready for download through this publisher's queues: ACS's
     * RecordingFileStatusUpdated, in Event Grid's schema, to the given endpoint, with download locations under
     * {@code apiBase} (the API's public address, asked for each event: the port may be known only once listening).
     */
    public RecordingFileNotifier recordingFiles(URI endpoint, Supplier<URI> apiBase) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(apiBase, "apiBase");
        return new EventGridNotices(this, endpoint, apiBase, clock);
    }

    /**
     * Keeps and delivers an event accepted by this publisher or one of its notifiers. While closing it is still
     * delivered; once the drain is over it is kept in a durable outbox for the next start (the calls hung up at a stop
     * report their end a moment after they are recorded ended), and given up with a log line in a memory one.
     */
    void accept(Accepted event) {
        queues.accepting();
        context.runOnContext(ignored -> queues.accept(event));
    }

    /**
     * Waits up to {@code drain} for pending events to be delivered or given up, then stops attempting (what is left,
     * and what is published later, stays in a durable outbox for the next start, and is given up with a log line if the
     * outbox is in memory) and closes the HTTP client. Idempotent; completes normally.
     */
    public CompletionStage<Void> close(Duration drain) {
        Objects.requireNonNull(drain, "drain");
        Promise<Void> closed = Promise.promise();
        if (!closing.compareAndSet(null, closed.future().toCompletionStage())) {
            return closing.get();
        }
        context.runOnContext(ignored -> queues.drain(drain).onComplete(drained -> {
            client.close();
            closed.complete();
        }));
        return closing.get();
    }

    /** The counters now; callable from any thread. */
    public WebhookStats stats() {
        return queues.stats();
    }

    /**
     * The time the delivered events took, summed, from each one's acceptance to the 2xx that delivered it (retries
     * and a restart included); over {@link WebhookStats#delivered()} it is their mean latency. Any thread.
     */
    public Duration deliveredLatency() {
        return queues.deliveredLatency();
    }
}
