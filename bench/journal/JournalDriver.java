import io.switchboard.adapter.journal.JournalOutbox;
import io.switchboard.adapter.journal.SqliteJournal;
import io.switchboard.adapter.webhook.WebhookCallEventPublisher;
import io.switchboard.adapter.webhook.WebhookConfig;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.application.service.InMemoryEventOutbox;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal benchmark (not a test), in one JVM: the webhook publisher over the SQLite outbox, a receiver on
 * 127.0.0.1.
 * <ol>
 *   <li>throughput: R events/s for D seconds over C calls, each event timed from publish to its arrival at the
 *       receiver (p50, p99, max) and the rate delivered;</li>
 *   <li>backlog: P events published while the receiver is down (connection refused, retried), the heap measured
 *       after a full GC before and once all are kept, per pending event.</li>
 * </ol>
 * Usage: java -cp switchboard.jar JournalDriver.java DIR R D C P SYNC(full|normal|memory)
 */
public class JournalDriver {

    private static final Pattern SEQUENCE = Pattern.compile("\"sequenceId\":(\\d+)");
    private static final byte[] KEY = "journal-bench-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int calls = Integer.parseInt(args[3]);
        int backlog = Integer.parseInt(args[4]);
        String sync = args[5];
        Vertx vertx = Vertx.vertx();
        Participant caller = Participant.target(ParticipantId.of("p-1"), new PhoneNumberIdentifier("+14255550101"),
                LegId.of("leg-1")).connected();
        WebhookConfig defaults = WebhookConfig.defaults(KEY);

        // 1. throughput and latency, after 5 s at the same rate to warm the JIT (not counted)
        int warm = rate * 5;
        int total = rate * seconds + warm;
        AtomicLongArray published = new AtomicLongArray(total);
        long[] latency = new long[total];
        AtomicInteger arrived = new AtomicInteger();
        HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            long now = System.nanoTime();
            Matcher m = SEQUENCE.matcher(body.toString());
            if (m.find()) {
                int i = Integer.parseInt(m.group(1));
                latency[i] = now - published.get(i);
                arrived.incrementAndGet();
            }
            request.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CallbackTarget target = new CallbackTarget(URI.create("http://127.0.0.1:" + receiver.actualPort() + "/events"),
                EventSchema.GA);
        Outbox first = outbox(dir.resolve("throughput.db"), sync);
        WebhookCallEventPublisher publisher = WebhookCallEventPublisher.create(vertx, defaults,
                OutboundPolicy.LOOPBACK, first.outbox);
        long interval = 1_000_000_000L / rate;
        // the warm-up, then (once it is all delivered) the measured run
        long start = publish(publisher, target, caller, calls, published, 0, warm, interval);
        long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (arrived.get() < warm && System.nanoTime() < drained) {
            Thread.sleep(10);
        }
        start = publish(publisher, target, caller, calls, published, warm, total, interval);
        long publishedIn = System.nanoTime() - start;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (arrived.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long deliveredIn = System.nanoTime() - start;
        long[] sorted = arrived.get() == total ? Arrays.copyOfRange(latency, warm, total) : new long[0];
        Arrays.sort(sorted);
        System.out.printf("journal (%s): %d events over %d calls at %d/s after a 5 s warm-up: %d of %d "
                        + "delivered %.1f s after the first (%.0f events/s published, %.0f delivered)%n", sync,
                total - warm, calls, rate, arrived.get() - warm, total - warm, deliveredIn / 1e9,
                (total - warm) / (publishedIn / 1e9), (arrived.get() - warm) / (deliveredIn / 1e9));
        if (sorted.length > 0) {
            System.out.printf("  publish -> request at the receiver: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms%n", sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
        }
        System.out.println("  publisher: " + publisher.stats());
        publisher.close(Duration.ofSeconds(5)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        first.close();
        receiver.close();

        // 2. a backlog on disk while the receiver is down
        if (backlog > 0) {
            Outbox second = outbox(dir.resolve("backlog.db"), sync);
            WebhookConfig slow = new WebhookConfig(KEY, Duration.ofSeconds(1), Duration.ofSeconds(5),
                    Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1), "2025-05-15",
                    java.time.Clock.systemUTC());
            WebhookCallEventPublisher down = WebhookCallEventPublisher.create(vertx, slow, OutboundPolicy.LOOPBACK,
                    second.outbox);
            CallbackTarget nowhere = new CallbackTarget(URI.create("http://127.0.0.1:9/events"), EventSchema.GA);
            long before = heapAfterGc();
            long began = System.nanoTime();
            for (int i = 0; i < backlog; i++) {
                down.publish(nowhere, new ToneReceived(CallConnectionId.of("call-" + (i % calls)), caller, Tone.ONE,
                        i));
                if ((i & 1023) == 0) {
                    while (down.stats().pending() - second.outbox.pendingCount() > 50_000) {
                        Thread.sleep(1); // let the writer keep up, as a real load would
                    }
                }
            }
            while (second.outbox.pendingCount() < backlog) {
                Thread.sleep(20);
            }
            double keptIn = (System.nanoTime() - began) / 1e9;
            long after = heapAfterGc();
            System.out.printf("backlog: %d events kept in %.1f s (%.0f/s) while the receiver is down; heap after GC "
                            + "%.1f MiB before, %.1f MiB with them pending (%.1f bytes per pending event); "
                            + "journal file %.0f MiB%n", backlog, keptIn, backlog / keptIn, before / 1048576.0,
                    after / 1048576.0, (after - before) / (double) backlog,
                    Files.exists(dir.resolve("backlog.db")) ? Files.size(dir.resolve("backlog.db")) / 1048576.0 : 0);
            down.close(Duration.ZERO).toCompletableFuture().get(30, TimeUnit.SECONDS);
            second.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Publishes events {@code from} to {@code to} one every {@code interval} ns; returns when it began. */
    private static long publish(WebhookCallEventPublisher publisher, CallbackTarget target, Participant caller,
                                int calls, AtomicLongArray published, int from, int to, long interval) {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            long due = start + (i - from) * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            published.set(i, System.nanoTime());
            publisher.publish(target, new ToneReceived(CallConnectionId.of("call-" + (i % calls)), caller, Tone.ONE,
                    i));
        }
        return start;
    }

    private record Outbox(EventOutbox outbox, SqliteJournal journal) {
        void close() {
            if (journal != null) {
                journal.close();
            }
        }
    }

    private static Outbox outbox(Path file, String sync) {
        if (sync.equals("memory")) {
            return new Outbox(new InMemoryEventOutbox(), null);
        }
        SqliteJournal journal = SqliteJournal.open(file, sync.equals("full") ? SqliteJournal.Sync.FULL
                : SqliteJournal.Sync.NORMAL);
        return new Outbox(JournalOutbox.in(journal), journal);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
