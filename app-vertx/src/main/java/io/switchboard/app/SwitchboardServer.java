package io.switchboard.app;

import io.switchboard.adapter.console.ConsoleSources;
import io.switchboard.adapter.console.WebConsole;
import io.switchboard.adapter.journal.JournalCallRegistry;
import io.switchboard.adapter.journal.JournalDialogRecords;
import io.switchboard.adapter.journal.JournalOutbox;
import io.switchboard.adapter.journal.JournalRegistrationRecords;
import io.switchboard.adapter.journal.JournalRepeatableResponses;
import io.switchboard.adapter.journal.JournalUserDirectory;
import io.switchboard.adapter.journal.SqliteJournal;
import io.switchboard.adapter.media.DiskRecordingStore;
import io.switchboard.adapter.media.EspeakSynthesizer;
import io.switchboard.adapter.media.HttpMediaFetcher;
import io.switchboard.adapter.media.HttpSpeechRecognizer;
import io.switchboard.adapter.media.HttpSpeechSynthesizer;
import io.switchboard.adapter.media.MediaFetcherConfig;
import io.switchboard.adapter.media.PocketsphinxRecognizer;
import io.switchboard.adapter.media.WebSocketMediaStreams;
import io.switchboard.adapter.rest.acs.AcsRestApi;
import io.switchboard.adapter.rest.acs.RestConfig;
import io.switchboard.adapter.sandbox.SandboxConfig;
import io.switchboard.adapter.sandbox.SandboxTelephony;
import io.switchboard.adapter.sip.SipTelephony;
import io.switchboard.adapter.speech.FreeTtsSynthesizer;
import io.switchboard.adapter.speech.SphinxRecognizer;
import io.switchboard.adapter.webhook.WebhookCallEventPublisher;
import io.switchboard.adapter.webhook.WebhookConfig;
import io.switchboard.adapter.webhook.WebhookStats;
import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.application.port.out.DialogRecords;
import io.switchboard.application.port.out.EventOutbox;
import io.switchboard.application.port.out.RecordingArchive;
import io.switchboard.application.port.out.RegistrationRecords;
import io.switchboard.application.port.out.RepeatableResponses;
import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.application.port.out.UserDirectory;
import io.switchboard.application.service.CallAutomationCore;
import io.switchboard.application.service.CallHistoryService;
import io.switchboard.application.service.CallSettings;
import io.switchboard.application.service.IdentityService;
import io.switchboard.application.service.InMemoryCallRegistry;
import io.switchboard.application.service.InMemoryEventOutbox;
import io.switchboard.application.service.InMemoryUserDirectory;
import io.switchboard.application.service.RoutingTelephony;
import io.switchboard.domain.connection.Call;
import io.switchboard.rtp.MediaEngine;
import io.switchboard.rtp.MediaRecorder;
import io.switchboard.rtp.ThreadPriority;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The composition root: builds every adapter around the core and starts them. The only place that calls
 * {@code new} on adapters.
 *
 * <p>{@link #start} blocks until the server listens; {@link #stop} hangs up the calls, drains webhooks for a
 * bounded time and closes everything. Neither may be called from an event loop.
 */
public final class SwitchboardServer {

    private static final Logger LOG = System.getLogger("io.switchboard.app");

    private final Vertx vertx;
    private final ExecutorService callWorkers;
    private final CallAutomationCore core;
    private final CallRegistry registry;
    private final EventOutbox outbox;
    private final RepeatableResponses repeatable;
    /** The journal file, unless it is in memory; closed last. */
    private final Optional<SqliteJournal> journal;
    private final WebhookCallEventPublisher webhooks;
    /** How long ended calls stay in memory; the journal keeps them readable for their retention after that. */
    private static final Duration CALLS_IN_MEMORY = Duration.ofMinutes(30);
    /** How long the first responses of repeatable requests are answered again (the REST adapter's window). */
    private static final Duration REPEATABLE_KEPT = Duration.ofMinutes(10);
    /** Syntheses at once: each holds an embedded voice (about 10 MB); one sentence takes milliseconds. */
    private static final int SPEECH_THREADS = 2;
    /** Utterances waiting per recognizer beyond which recognitions fail as busy: a few seconds of decoding. */
    private static final int RECOGNITIONS_QUEUED = 200;
    /** Synthesized audio kept for reuse: some hours of speech at 8 kHz. */
    private static final long SPEECH_CACHE_BYTES = 64L * 1024 * 1024;
    private final HttpMediaFetcher media;
    private final WebSocketMediaStreams streams;
    private final DiskRecordingStore recordings;
    private final SpeechSynthesizer speech;
    private final Runnable closeSpeech;
    private final SpeechRecognizer recognizer;
    private final Runnable closeRecognizer;
    private final Supplier<CompletableFuture<Void>> warmRecognizer;
    private volatile CompletableFuture<Void> warming;
    private final SandboxTelephony sandbox;
    private final Optional<MediaEngine> rtp;
    private final Optional<SipTelephony> sip;
    private final String accessKey;
    private final int httpPort;
    private final Optional<Tls> tls;
    private final String httpHost;

    private SwitchboardServer(AppConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        accessKey = AccessKeys.resolve(config);
        byte[] key = Base64.getDecoder().decode(accessKey);
        SwitchboardMetrics metrics = new SwitchboardMetrics();
        vertx = Vertx.builder().with(metrics.vertxOptions()).withMetrics(metrics.vertxMetrics()).build();
        callWorkers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("switchboard-call-"));
        JournalSettings kept = config.journal();
        if (kept.file().isPresent()) {
            SqliteJournal file = SqliteJournal.open(kept.file().get(),
                    kept.fullSync() ? SqliteJournal.Sync.FULL : SqliteJournal.Sync.NORMAL);
            journal = Optional.of(file);
            if (kept.raisedWriter()) {
                LOG.log(Level.INFO, "journal: writer thread " + raiseWriter(file)
                        + " (SWITCHBOARD_JOURNAL_PRIORITY)");
            }
            outbox = JournalOutbox.in(file);
            registry = JournalCallRegistry.in(file, clock, new InMemoryCallRegistry(clock, CALLS_IN_MEMORY));
            repeatable = JournalRepeatableResponses.in(file, clock.instant().minus(REPEATABLE_KEPT));
        } else {
            LOG.log(Level.WARNING, "journal: in memory (SWITCHBOARD_JOURNAL=memory), for tests and benchmarks only: "
                    + "a stop loses every pending event, call record and repeatable request");
            journal = Optional.empty();
            outbox = new InMemoryEventOutbox();
            registry = new InMemoryCallRegistry(clock, CALLS_IN_MEMORY);
            repeatable = RepeatableResponses.NONE;
        }
        WebhookConfig hooks = WebhookConfig.defaults(key);
        webhooks = WebhookCallEventPublisher.create(vertx, new WebhookConfig(key, hooks.connectTimeout(),
                hooks.responseTimeout(), hooks.firstRetryDelay(), hooks.maxRetryDelay(), config.webhookRetryWindow(),
                hooks.gaApiVersion(), clock), config.outbound(), outbox);
        media = HttpMediaFetcher.create(vertx, MediaFetcherConfig.defaults().withOutbound(config.outbound()));
        streams = WebSocketMediaStreams.create(vertx, config.outbound());
        if (config.speechService().isPresent()) {
            HttpSpeechSynthesizer remote = HttpSpeechSynthesizer.create(vertx, config.speechService().get());
            speech = remote;
            closeSpeech = remote::close;
            LOG.log(Level.INFO, "speech: the service at " + config.speechService().get().where() + " (locales "
                    + String.join(", ", remote.locales()) + ")");
        } else if (config.engines().synthesizer().equals("espeak-ng")) {
            String voice = config.engines().voice();
            EspeakSynthesizer installed = EspeakSynthesizer.create(vertx, "espeak-ng", voice,
                    Set.of("en-US"), SPEECH_CACHE_BYTES);
            speech = installed;
            closeSpeech = installed::close;
            LOG.log(Level.INFO, "speech: espeak-ng, voice " + voice);
        } else {
            FreeTtsSynthesizer embedded = FreeTtsSynthesizer.start(SPEECH_THREADS, SPEECH_CACHE_BYTES);
            speech = embedded;
            closeSpeech = embedded::close;
            LOG.log(Level.INFO, "speech: the embedded engine (FreeTTS, en-US)");
        }
        if (config.recognitionService().isPresent()) {
            HttpSpeechRecognizer remote = HttpSpeechRecognizer.create(vertx, config.recognitionService().get());
            recognizer = remote;
            closeRecognizer = remote::close;
            warmRecognizer = () -> CompletableFuture.completedFuture(null);
            LOG.log(Level.INFO, "speech recognition: the service at " + config.recognitionService().get().where()
                    + " (locales " + String.join(", ", remote.locales()) + ")");
        } else if (config.engines().recognizer().equals("pocketsphinx")) {
            PocketsphinxRecognizer installed = PocketsphinxRecognizer.start("pocketsphinx_continuous",
                    Math.max(1, Runtime.getRuntime().availableProcessors() / 2), RECOGNITIONS_QUEUED);
            recognizer = installed;
            closeRecognizer = installed::close;
            warmRecognizer = () -> CompletableFuture.completedFuture(null);
            LOG.log(Level.INFO, "speech recognition: PocketSphinx (en-US)");
        } else {
            SphinxRecognizer embedded = SphinxRecognizer.start(RECOGNITIONS_QUEUED);
            recognizer = embedded;
            closeRecognizer = embedded::close;
            warmRecognizer = embedded::warmUp;
            LOG.log(Level.INFO, "speech recognition: the embedded engine (Sphinx4, en-US)");
        }
        RoutingTelephony telephony = new RoutingTelephony();
        recordings = recordingStore(config.recordings());
        RecordingArchive archive = new RecordingArchive(recordings, config.recordings().eventsUrl()
                .map(url -> webhooks.recordingFiles(url, () -> apiBase(config))));
        metrics.watch(registry, webhooks::stats, webhooks::deliveredLatency);
        metrics.watch(streams);
        core = CallAutomationCore.create(registry, telephony, metrics.counting(webhooks), media, Optional.of(speech),
                Optional.of(recognizer), streams, new UuidIdGenerator(), clock, callWorkers,
                new CallSettings(config.ringTimeout()),
                config.incomingCallUrl().map(webhooks::incomingCalls), archive);
        purgeRecordings(config.recordings().retention(), clock);
        purgeJournal(kept, clock);
        HandleTelephonyEventUseCase reports = telephony.reportsTo(core.telephonyEvents());
        IdentityService identity = new IdentityService(journal.<UserDirectory>map(JournalUserDirectory::new)
                .orElseGet(InMemoryUserDirectory::new), new HmacAccessTokens(key), new UuidIdGenerator(), clock);
        sandbox = SandboxTelephony.create(vertx, reports, SandboxConfig.DEFAULTS, Optional.of(speech));
        telephony.register(sandbox);
        if (config.sipEnabled()) {
            MediaEngine engine = MediaEngine.start(config.rtp());
            metrics.watch(engine);
            rtp = Optional.of(engine);
            AtomicReference<Telephony> answering = new AtomicReference<>();
            SipTelephony sipTelephony = SipTelephony.start(config.sip(), engine, reports,
                    telephony.offersFrom(answering::get, core.incomingCallEvents()),
                    journal.<DialogRecords>map(JournalDialogRecords::new).orElse(DialogRecords.NONE),
                    Optional.of(identity),
                    journal.<RegistrationRecords>map(JournalRegistrationRecords::new).orElse(RegistrationRecords.NONE));
            answering.set(sipTelephony);
            metrics.watch(sipTelephony);
            sip = Optional.of(sipTelephony);
            telephony.register(sipTelephony);
        } else {
            rtp = Optional.empty();
            sip = Optional.empty();
        }
        int ended = core.restart().endCallsLeftLive();
        if (ended > 0) {
            LOG.log(Level.WARNING, "calls: " + ended + " were live when the server stopped; each is ended and "
                    + "reported (500/8500)");
        }
        CallUseCases useCases = core.useCases();
        RestConfig rest = RestConfig.defaults(key, config.publicHost(), config.trustedProxies());
        httpHost = config.httpHost();
        tls = tls(config);
        HealthChecks checks = new HealthChecks(() -> rtp.map(MediaEngine::skippedTicks).orElse(0L), webhooks::stats,
                config.recordings().directory(), journal.map(SqliteJournal::file), config.recordings().minFreeBytes(),
                this::recognitionState);
        checks.start(vertx);
        CallHistoryService history = new CallHistoryService(outbox, webhooks);
        WebConsole console = WebConsole.create(vertx, new ConsoleSources(core.liveCalls(), useCases.getCall(),
                history, history, useCases.hangUp(), useCases.createCall(), () -> figures(registry),
                ConsoleSettings.of(config),
                key, () -> apiBase(config).resolve("console/events"),
                leg -> sip.flatMap(adapter -> adapter.codec(leg))));
        httpPort = deployHttp(config, v -> HealthRoute.around(
                AcsRestApi.router(v, useCases, core.incomingCalls(), rest, Optional.of(history), repeatable,
                        Optional.of(identity)), v,
                registry, webhooks::stats, metrics.registry(), this::recognitionState, checks, console::mount));
    }

    /**
     * The store of recordings; the files a crash cut short (their header not updated to the end) are made playable
     * to their end first.
     */
    private static DiskRecordingStore recordingStore(RecordingSettings settings) throws IOException {
        DiskRecordingStore store = DiskRecordingStore.open(settings.directory(), settings.minFreeBytes());
        for (Path wav : store.audioFiles()) {
            if (MediaRecorder.repair(wav)) {
                LOG.log(Level.WARNING, "recording " + wav + " was cut short by a stop of the server; its file is "
                        + "playable up to then");
            }
        }
        LOG.log(Level.INFO, "recordings: " + settings.directory().toAbsolutePath() + ", kept "
                + settings.retention().toDays() + " days");
        return store;
    }

    /** Deletes recordings past their retention now and every hour, off the event loop. */
    private void purgeRecordings(Duration retention, Clock clock) {
        Handler<Long> purge = id -> vertx.executeBlocking(() -> recordings.purge(clock.instant(), retention))
                .onSuccess(deleted -> {
                    if (deleted > 0) {
                        LOG.log(Level.INFO, "recordings: " + deleted + " deleted after " + retention.toDays()
                                + " days");
                    }
                })
                .onFailure(e -> LOG.log(Level.WARNING, "recordings: purge failed: " + e.getMessage()));
        purge.handle(0L);
        vertx.setPeriodic(Duration.ofHours(1).toMillis(), purge);
    }

    /** Forgets ended calls and settled events past their retention now and every hour, off the event loop. */
    private void purgeJournal(JournalSettings settings, Clock clock) {
        if (!(registry instanceof JournalCallRegistry calls) || !(outbox instanceof JournalOutbox events)) {
            return;
        }
        Handler<Long> purge = id -> calls.purge(clock.instant().minus(settings.callRetention()))
                .thenCombine(events.purge(clock.instant().minus(settings.eventRetention())), (c, e) -> {
                    if (c + e > 0) {
                        LOG.log(Level.INFO, "journal: " + c + " ended calls and " + e + " settled events past their "
                                + "retention deleted");
                    }
                    return null;
                })
                .exceptionally(e -> {
                    LOG.log(Level.WARNING, "journal: purge failed: " + e.getMessage());
                    return null;
                });
        purge.handle(0L);
        vertx.setPeriodic(Duration.ofHours(1).toMillis(), purge);
    }

    /** Where clients reach the API: the public host (behind a TLS proxy) if set, else the address served. */
    /** The key figures the console shows, in its order. */
    private Map<String, Number> figures(CallRegistry registry) {
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("activeCalls", registry.active().size());
        WebhookStats stats = webhooks.stats();
        figures.put("webhooksPending", stats.pending());
        figures.put("webhooksDelivered", stats.delivered());
        figures.put("webhooksRetried", stats.retried());
        figures.put("webhooksGivenUp", stats.givenUp());
        rtp.ifPresent(engine -> {
            figures.put("rtpSessions", engine.activeSessions());
            figures.put("rtpForeignPackets", engine.foreignPackets());
            figures.put("pacerSkippedTicks", engine.skippedTicks());
        });
        sip.ifPresent(telephony -> {
            figures.put("trunkCalls", telephony.trunkCalls());
            figures.put("trunkQueue", telephony.trunkQueue());
            telephony.trunkRegistration().ifPresent(state -> figures.put("trunkRegistered",
                    state.startsWith("registered") ? 1 : 0));
            figures.put("sipTcpConnections", telephony.tcpConnections());
        });
        return figures;
    }

    private URI apiBase(AppConfig config) {
        return config.publicHost().map(host -> URI.create("https://" + host + "/"))
                .orElseGet(() -> URI.create((tls.isPresent() ? "https" : "http") + "://" + httpHost + ":" + httpPort
                        + "/"));
    }

    /**
     * Loads the speech recognizer's models in the background, so that the first recognition does not wait for them.
     *
     * @return completes once they are loaded
     */
    public CompletableFuture<Void> warmUp() {
        CompletableFuture<Void> loading = warmRecognizer.get();
        warming = loading;
        loading.whenComplete((done, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "speech recognition: the models did not load: " + error.getMessage());
            }
        });
        return loading;
    }

    /** The recognizer's models: {@code on first use} (not warmed), {@code loading}, {@code ready} or {@code failed}. */
    String recognitionState() {
        CompletableFuture<Void> loading = warming;
        if (loading == null) {
            return "on first use";
        }
        return !loading.isDone() ? "loading" : loading.isCompletedExceptionally() ? "failed" : "ready";
    }

    /** Starts a server; throws with a message naming the setting when the configuration cannot work. */
    public static SwitchboardServer start(AppConfig config) throws Exception {
        return new SwitchboardServer(config);
    }

    /**
     * Asks Linux to raise the journal's writer above ordinary threads ({@link ThreadPriority}): every call's change
     * and every accepted event waits for its commit, and in a burst of set-ups on busy cores the writer otherwise waits
     * for a core behind the JIT and other processes (bench/sip, 5,000 calls at 200/s after a warm-up, six runs each
     * alternated: {@code POST /calls} p99 at most 52 ms in four runs of six instead of two, CallConnected at the
     * application p99 83-203 ms in five instead of 170-345 ms). Says what it runs at, for the start line.
     */
    static String raiseWriter(SqliteJournal file) {
        try {
            return file.submit(session -> ThreadPriority.raiseCurrentThread()).get(5, TimeUnit.SECONDS)
                    .map(why -> "at ordinary priority: " + why).orElse("at nice " + ThreadPriority.NICE);
        } catch (TimeoutException e) {
            return "at ordinary priority: it did not answer in time";
        } catch (ExecutionException e) {
            return "at ordinary priority: the journal failed the request: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "at ordinary priority: interrupted";
        }
    }

    private int deployHttp(AppConfig config, java.util.function.Function<Vertx, io.vertx.ext.web.Router> routes)
            throws Exception {
        Optional<KeyCertOptions> key = tls.map(Tls::key);
        HttpApiVerticle first = new HttpApiVerticle(config.httpHost(), config.httpPort(), routes, key);
        try {
            vertx.deployVerticle(first).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BindException) {
                throw new IllegalStateException("SWITCHBOARD_HTTP_PORT: " + config.httpPort() + " on "
                        + config.httpHost() + " is in use (expected: a free port)", e.getCause());
            }
            throw e;
        }
        int port = first.actualPort();
        // One listener per event loop shares the port; a random port (0, in tests) cannot be shared that way.
        int more = config.httpPort() == 0 ? 0 : Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
        if (more > 0) {
            vertx.deployVerticle(() -> new HttpApiVerticle(config.httpHost(), port, routes, key),
                    new DeploymentOptions().setInstances(more))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        return port;
    }

    public int httpPort() {
        return httpPort;
    }

    public String accessKey() {
        return accessKey;
    }

    /** The connection string the official SDKs take: {@code endpoint=http://host:port/;accesskey=...}. */
    public String connectionString() {
        return "endpoint=" + (tls.isPresent() ? "https" : "http") + "://" + httpHost + ":" + httpPort
                + "/;accesskey=" + accessKey;
    }

    /** The certificate clients are to trust, when the server made it itself (self-signed). */
    public Optional<Path> certificateToTrust() {
        return tls.flatMap(Tls::toTrust);
    }

    /** The key the API is served with, and the certificate to trust when it is self-signed. */
    private record Tls(KeyCertOptions key, Optional<Path> toTrust) {
    }

    private static Optional<Tls> tls(AppConfig config) throws IOException, InterruptedException {
        if (config.tls().isEmpty()) {
            return Optional.empty();
        }
        TlsSettings settings = config.tls().get();
        if (!settings.isSelfSigned()) {
            return Optional.of(new Tls(new PemKeyCertOptions().setCertPath(settings.certificate().get().toString())
                    .setKeyPath(settings.key().get().toString()), Optional.empty()));
        }
        SelfSignedCertificate made = SelfSignedCertificate.of(config.dataDir(), config.httpHost());
        return Optional.of(new Tls(new PfxOptions().setPath(made.keystore().toString()).setPassword(made.password()),
                Optional.of(made.certificate())));
    }

    /** Hangs up every active call, waits up to the grace period for calls and webhooks, then closes. */
    public void stop(Duration grace) {
        Instant deadline = Instant.now().plus(grace);
        for (Call call : registry.active()) {
            core.useCases().hangUp().hangUp(call.id()).exceptionally(e -> null);
        }
        while (!registry.active().isEmpty() && Instant.now().isBefore(deadline)) {
            sleepQuietly(50);
        }
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            webhooks.close(left.isNegative() ? Duration.ZERO : left).toCompletableFuture()
                    .get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "webhooks not drained at shutdown: " + e.getMessage());
        }
        sip.ifPresent(SipTelephony::close);
        rtp.ifPresent(MediaEngine::close);
        sandbox.close();
        media.close();
        streams.close();
        closeSpeech.run();
        closeRecognizer.run();
        callWorkers.shutdown();
        if (registry instanceof JournalCallRegistry calls) {
            calls.close();
        }
        journal.ifPresent(SqliteJournal::close);
        CompletableFuture<Void> closed = vertx.close().toCompletionStage().toCompletableFuture();
        try {
            closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Vert.x did not close cleanly: " + e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
