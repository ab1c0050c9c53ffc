package io.switchboard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.adapter.media.WebSocketMediaStreams;
import io.switchboard.adapter.sip.SipTelephony;
import io.switchboard.adapter.sip.SipTrunk;
import io.switchboard.adapter.sip.TcpLimits;
import io.switchboard.adapter.sip.TrunkLimits;
import io.switchboard.adapter.webhook.WebhookStats;
import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.rtp.MediaEngine;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code /metrics} shows, in Prometheus' format: Vert.x's own meters (HTTP requests by method, route and status,
 * with their latency), the JVM's, and the server's: calls active, started, connected and ended by result, their
 * set-up time, webhook deliveries, RTP sessions, mixes, recordings and the pacers' skipped ticks.
 *
 * <p>Thread-safe. Counting calls is a decorator of the event publisher: it sees every state change the core
 * publishes, and passes each on unchanged.
 */
final class SwitchboardMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<CallConnectionId, Long> connecting = new ConcurrentHashMap<>();
    /**
     * What the meters read: Micrometer holds a meter's object weakly, and a supplier made for it here (a method
     * reference) would be collected at the next GC, its meters then frozen at their last value.
     */
    private final List<Object> watched = new CopyOnWriteArrayList<>();
    private final Timer setUp;

    /**
     * Buckets for the time the server took to answer each HTTP request ({@code
     * vertx_http_server_response_time_seconds_bucket}, by route, method and status), so that a percentile can be had
     * from {@code /metrics} ({@code histogram_quantile}), not only the mean and the recent maximum.
     */
    private static final MeterFilter REQUEST_TIME_BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals("vertx.http.server.response.time")) {
                return config;
            }
            return DistributionStatisticConfig.builder().serviceLevelObjectives(
                    Duration.ofMillis(1).toNanos(), Duration.ofMillis(2).toNanos(), Duration.ofMillis(5).toNanos(),
                    Duration.ofMillis(10).toNanos(), Duration.ofMillis(25).toNanos(),
                    Duration.ofMillis(50).toNanos(), Duration.ofMillis(100).toNanos(),
                    Duration.ofMillis(250).toNanos(), Duration.ofMillis(500).toNanos(),
                    Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(5).toNanos())
                    .build().merge(config);
        }
    };

    SwitchboardMetrics() {
        registry.config().meterFilter(REQUEST_TIME_BUCKETS);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        setUp = Timer.builder("switchboard.calls.setup").description("From a call's creation to its connection")
                .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
                        Duration.ofSeconds(60))
                .register(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Vert.x options reporting to this registry. */
    VertxOptions vertxOptions() {
        // a registry name of its own: Vert.x keeps registries by name for the whole JVM, and the default name would
        // hand a second server (tests) the first one's registry
        return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                .setRegistryName("switchboard-" + System.identityHashCode(this))
                .setJvmMetricsEnabled(false) // bound above, once
                .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE));
    }

    MicrometerMetricsFactory vertxMetrics() {
        return new MicrometerMetricsFactory(registry);
    }

    /** The calls the core holds, and the webhook queues. */
    void watch(CallRegistry calls, Supplier<WebhookStats> webhooks, Supplier<Duration> webhookLatency) {
        watched.add(webhooks);
        Gauge.builder("switchboard.calls.active", calls, c -> c.active().size())
                .description("Calls not ended").register(registry);
        FunctionCounter.builder("switchboard.webhooks.delivered", webhooks, w -> w.get().delivered())
                .description("Callbacks delivered").register(registry);
        FunctionCounter.builder("switchboard.webhooks.retried", webhooks, w -> w.get().retried())
                .description("Callback attempts retried").register(registry);
        FunctionCounter.builder("switchboard.webhooks.given.up", webhooks, w -> w.get().givenUp())
                .description("Callbacks given up after the retry window").register(registry);
        Gauge.builder("switchboard.webhooks.pending", webhooks, w -> w.get().pending())
                .description("Callbacks accepted and not yet delivered or given up").register(registry);
        FunctionTimer.builder("switchboard.webhooks.latency", webhooks, w -> w.get().delivered(),
                        w -> webhookLatency.get().toNanos(), TimeUnit.NANOSECONDS)
                .description("From an event's acceptance to the 2xx that delivered it, retries included")
                .register(registry);
    }

    /** The media streams: audio frames dropped because the application's WebSocket did not keep up. */
    void watch(WebSocketMediaStreams streams) {
        FunctionCounter.builder("switchboard.streaming.frames.dropped", streams,
                        WebSocketMediaStreams::droppedFrames)
                .description("Media stream frames dropped: the application's WebSocket did not keep up")
                .register(registry);
    }

    /** The RTP media engine. */
    void watch(MediaEngine media) {
        Gauge.builder("switchboard.rtp.sessions", media, MediaEngine::activeSessions)
                .description("RTP sessions open (one per SIP leg)").register(registry);
        Gauge.builder("switchboard.rtp.mixes", media, MediaEngine::activeMixes)
                .description("Conference mixes open").register(registry);
        Gauge.builder("switchboard.rtp.recordings", media, MediaEngine::activeRecordings)
                .description("Recordings being written").register(registry);
        Gauge.builder("switchboard.rtp.pacer.realtime", media, m -> m.realtimePacers() ? 1 : 0)
                .description("1 while the pacers run under real-time scheduling (SWITCHBOARD_RTP_PACER_PRIORITY)")
                .register(registry);
        FunctionCounter.builder("switchboard.rtp.pacer.skipped.ticks", media, MediaEngine::skippedTicks)
                .description("20 ms ticks the pacers skipped because they fell behind while they had streams to send")
                .register(registry);
        FunctionCounter.builder("switchboard.rtp.foreign.packets", media, MediaEngine::foreignPackets)
                .description("RTP packets dropped for coming from a source other than the leg's peer")
                .register(registry);
        FunctionCounter.builder("switchboard.rtp.packets.sent", media, MediaEngine::packetsSent)
                .description("RTP packets sent (open legs add theirs about once a second)").register(registry);
        FunctionCounter.builder("switchboard.rtp.packets.received", media, MediaEngine::packetsReceived)
                .description("RTP packets received from the legs' peers").register(registry);
        FunctionCounter.builder("switchboard.rtp.packets.lost", media, MediaEngine::packetsLost)
                .description("RTP packets the legs' peers sent that never arrived (RFC 3550)").register(registry);
        Gauge.builder("switchboard.rtp.jitter.max", media, MediaEngine::maxJitterSeconds).baseUnit("seconds")
                .description("The largest interarrival jitter among the open legs (RFC 3550; seen at 20 ms resolution)")
                .register(registry);
        for (int millis : MediaEngine.LATE_MILLIS) {
            FunctionCounter.builder("switchboard.rtp.pacer.late.slots", media, m -> m.lateSlots(millis))
                    .tag("over", String.valueOf(millis / 1000.0))
                    .description("Pacer slots (2 ms, a tenth of the legs each) whose packets left more than 'over' "
                            + "seconds late").register(registry);
        }
    }

    /** The SIP adapter's trunk and TCP connections. */
    void watch(SipTelephony sip) {
        for (String trunk : sip.trunks()) {
            Gauge.builder("switchboard.sip.trunk.calls", sip, s -> s.trunkCalls(trunk)).tag("trunk", trunk)
                    .description("Calls through the trunk now, ringing or answered").register(registry);
            Gauge.builder("switchboard.sip.trunk.registered", sip, s -> s.trunkRegistration(trunk)
                            .map(state -> state.startsWith("registered") ? 1 : 0).orElse(0)).tag("trunk", trunk)
                    .description("1 while the trunk registration holds (" + SipTrunk.REGISTER + ")")
                    .register(registry);
            if (sip.trunkUp(trunk).isPresent()) {
                Gauge.builder("switchboard.sip.trunk.up", sip, s -> s.trunkUp(trunk).filter(up -> up).map(up -> 1)
                                .orElse(0)).tag("trunk", trunk)
                        .description("1 while the trunk answers the OPTIONS it is asked (" + SipTrunk.OPTIONS + ")")
                        .register(registry);
            }
            FunctionCounter.builder("switchboard.sip.trunk.invites", sip, s -> s.trunkInvites(trunk)).tag("trunk", trunk)
                    .description("INVITEs sent through the trunk: its rate is the trunk's calls per second")
                    .register(registry);
            Gauge.builder("switchboard.sip.trunk.queue", sip, s -> s.trunkQueue(trunk)).tag("trunk", trunk)
                    .description("Legs waiting for room on the trunk (" + TrunkLimits.MAX_CALLS + ", "
                            + TrunkLimits.PER_SECOND + ")").register(registry);
        }
        Gauge.builder("switchboard.sip.tcp.connections", sip, SipTelephony::tcpConnections)
                .description("SIP over TCP connections accepted and open").register(registry);
        FunctionCounter.builder("switchboard.sip.tcp.refused", sip, SipTelephony::tcpConnectionsRefused)
                .description("SIP over TCP connections closed at once: their address held its share already ("
                        + TcpLimits.PER_ADDRESS + ")").register(registry);
    }

    /** {@code events}, counting the calls' state changes on the way. */
    CallEventPublisher counting(CallEventPublisher events) {
        return (CallbackTarget target, CallEvent event, CallConnectionId connection) -> {
            if (event instanceof CallConnectionStateChanged changed && changed.connection().isEmpty()) {
                count(changed); // the calls' own state; another application's connection starts no call
            }
            events.publish(target, event, connection);
        };
    }

    private void count(CallConnectionStateChanged changed) {
        switch (changed.state()) {
            case CONNECTING -> {
                connecting.put(changed.callId(), System.nanoTime());
                registry.counter("switchboard.calls.started", "answered", String.valueOf(changed.answered()))
                        .increment();
            }
            case CONNECTED -> {
                Long since = connecting.remove(changed.callId());
                if (since != null) {
                    setUp.record(Duration.ofNanos(System.nanoTime() - since));
                }
                registry.counter("switchboard.calls.connected").increment();
            }
            case DISCONNECTED -> {
                connecting.remove(changed.callId());
                registry.counter("switchboard.calls.ended", "code", String.valueOf(changed.result().code()),
                        "subcode", String.valueOf(changed.result().subCode()),
                        "connected", String.valueOf(changed.wasConnected())).increment();
            }
            case DISCONNECTING -> {
                // counted once ended
            }
        }
    }
}
