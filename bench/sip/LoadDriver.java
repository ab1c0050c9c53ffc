import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load driver of the SIP playback benchmark (single-file program: {@code java bench/sip/LoadDriver.java ...}).
 *
 * <p>Creates N calls through the origin API ({@code POST /calls}) at R per second, plays a looped 10 s prompt it
 * serves itself on every call once connected, holds them for D seconds of steady state while the RTP sink
 * measures, hangs every call up at R per second and prints one report. Requests are signed as ACS does
 * (HMAC-SHA256, acs-ga.md §1). Server CPU and RSS come from /proc, heap from {@code jcmd}.
 *
 * <p>Conference mode ({@code --participants P}, P &gt; 1; {@code run.sh --conference}): call i is created to
 * one number and then grows to P legs: on each {@code ParticipantsUpdated} that shows every invited number joined,
 * the next number is invited ({@code POST /calls/{id}/participants}, one at a time); at P participants the looped
 * prompt is played to the call, i.e. once into the server's mix, which sends every leg the other legs' audio plus
 * the prompt. The window, the sink and the samples are those of the playback benchmark; the report counts legs
 * (CPU per leg-second, heap and RSS per leg) and holds the conference targets (p99 inter-arrival &lt;= 22 ms, no loss).
 *
 * <p>Inbound mode ({@code --inbound true}; {@code run.sh --inbound}): the calls come in. The driver creates none:
 * it writes {@code --ready-file} once it is ready, and SIPp then calls the server N times at R per second; each
 * call's IncomingCall (Event Grid, to {@code /incoming}) is answered through the GA API ({@code :answer}), and the
 * prompt is played and the call ended through it too ({@code :play}, {@code :terminate}), as an IVR does. The
 * SIPp processes' ids come from {@code --sipp-pid-file}, written once they run. The report's set-up time runs from
 * the IncomingCall received to CallConnected, and its API line gives {@code :answer} where the playback benchmark
 * gives {@code POST /calls}.
 *
 * <p>Settings are {@code --name value} pairs; the access key comes from the environment variable
 * {@code BENCH_ACCESS_KEY}. Every wait is bounded.
 */
public final class LoadDriver {

    static final String EMPTY_SHA256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    static final DateTimeFormatter RFC1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(?:Microsoft\\.Communication\\.)?(\\w+)\"");
    static final Pattern CALL_ID = Pattern.compile("\"callConnectionId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATE = Pattern.compile("\"callConnectionState\"\\s*:\\s*\"(\\w+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    static final Pattern SUBCODE = Pattern.compile("\"sub[cC]ode\"\\s*:\\s*(\\d+)");
    static final Pattern LEG_ID = Pattern.compile("\"callLegId\"\\s*:\\s*\"([^\"]+)\"");
    /** The heap used in {@code jcmd GC.heap_info}: G1's "total 905216K, used 592092K", Shenandoah's "22528K used". */
    static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K|committed, (\\d+)([KMG]) used");
    static final Pattern PARTICIPANT_ID = Pattern.compile("\"participantId\"\\s*:");

    // settings
    final String api;
    final String hostHeader;
    final byte[] key;
    final ThreadLocal<Mac> macs;   // one keyed HMAC per thread: looking the algorithm up costs more than the HMAC
    final int calls;
    final double rate;
    final int seconds;
    final int callbackPort;
    final int sinkPort;
    final long serverPid;
    final long sinkPid;
    final String sippPidList;      // every SIPp instance (a run beyond 2,000 legs has several), comma-separated
    final Path sippPidFile;        // inbound mode: the list written there once the callers run (read when needed)
    final long clockTicks;
    final long firstNumber;
    final int participants;        // legs per call; 1 = the playback benchmark, more = conference mode
    final boolean conference;
    final String legsTalk;         // conference mode: who sends a tone on every leg (sink, pcap = SIPp, none)
    final String record;           // none, mixed or unmixed: every call recorded once its prompt is asked for
    final Path reportFile;
    final String runLabel;
    final int restRate;            // requests/s of GET call connection during the window (0: none)
    final int restWarmupSeconds;   // seconds of that load before the window, reported apart (0: none)
    final boolean warmup;          // a warm-up run: set up, hang up, no window, no report; the sink keeps running
    final boolean inbound;         // the calls come in from SIPp: answered, played to and ended through the GA API
    final Path readyFile;          // inbound mode: written once the driver is ready for the calls

    final HttpClient http;
    final ExecutorService callbackThreads = Executors.newFixedThreadPool(4);
    final byte[] prompt = promptWav();
    final AtomicInteger promptFetches = new AtomicInteger();

    // per call, indexed by call number i (0-based)
    final String[] legIds;
    final long[] createNanos;      // POST /calls latency
    final long[] createSendNanos;  // of which the driver's own wait to send (its threads' turn, its signing)
    final long[] createdAt;        // System.nanoTime() as POST /calls was begun (inbound: IncomingCall received)
    final long[] offerDelayNanos;  // inbound: IncomingCall received, after the eventTime the server gave it
    final int[] createStatus;
    final long[] playNanos;
    final int[] playStatus;
    final long[] hangupNanos;
    final int[] hangupStatus;
    final long[] connectedAt;      // System.nanoTime() of the connected callback, 0 if none
    final long[] disconnectedAt;
    final String[] disconnectSubcode;
    final Map<String, Integer> indexByLeg = new ConcurrentHashMap<>();
    final Map<String, List<String>> earlyEvents = new ConcurrentHashMap<>();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
    final AtomicInteger createAnswered = new AtomicInteger(); // POST /calls, or :answer in inbound mode
    final AtomicInteger offered = new AtomicInteger();        // inbound mode: IncomingCall events received
    final AtomicInteger playAnswered = new AtomicInteger();
    final AtomicInteger playRequested = new AtomicInteger();
    final AtomicInteger recordingsStarted = new AtomicInteger();
    final AtomicInteger recordingsRefused = new AtomicInteger();
    final AtomicInteger hangupAnswered = new AtomicInteger();
    final AtomicInteger playCompleted = new AtomicInteger();
    final AtomicInteger playFailed = new AtomicInteger();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    volatile boolean hangingUp;
    final AtomicInteger droppedInWindow = new AtomicInteger();
    volatile boolean inWindow;

    // conference mode, per call i: participants in its latest ParticipantsUpdated, legs requested (the created one
    // included), when it reached all its participants, whether an invitation failed; per invitation i*P+k: latency
    final int[] joined;
    final int[] invited;
    final long[] fullAt;
    final boolean[] growthFailed;
    final long[] inviteNanos;
    final int[] inviteStatus;
    final AtomicInteger full = new AtomicInteger();
    final AtomicInteger invitesRequested = new AtomicInteger();
    final AtomicInteger invitesAnswered = new AtomicInteger();
    final AtomicInteger inviteResultsCompleted = new AtomicInteger();
    final AtomicInteger inviteResultsFailed = new AtomicInteger();
    final AtomicInteger legsLeftInWindow = new AtomicInteger();
    Map<String, Long> pacerWindowTicks = Map.of(); // CPU ticks of the server's rtp-pacer-* threads in the window
    // the combined load: GET /calling/callConnections/{id} at restRate/s over the live calls, first for
    // restWarmupSeconds before the window (the server compiling the GET path, reported apart), then in the window
    final RestFigures restWarmupFigures = new RestFigures();
    final RestFigures restFigures = new RestFigures();

    /**
     * What one stretch of the combined load gave: each answered request's latency, requests sent and failed.
     *
     * @param latencies from each answered request's due time to its answer (what an open-loop client waits)
     * @param sendDelays from each request's due time to its sending: the driver's own wait (its threads' turn on
     *                   the loaded cores, its signing, all of its connections still waiting for answers)
     */
    record RestFigures(ConcurrentLinkedQueue<Long> latencies, ConcurrentLinkedQueue<Long> sendDelays,
                       AtomicInteger sent, AtomicInteger failed) {
        RestFigures() {
            this(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(), new AtomicInteger(),
                    new AtomicInteger());
        }
    }

    LoadDriver(Map<String, String> o) throws Exception {
        api = o.getOrDefault("api", "http://127.0.0.1:8080");
        URI uri = URI.create(api);
        hostHeader = uri.getHost() + (uri.getPort() == -1 || uri.getPort() == 80 ? "" : ":" + uri.getPort());
        String keyText = System.getenv("BENCH_ACCESS_KEY");
        if (keyText == null || keyText.isBlank()) {
            throw new IllegalArgumentException("BENCH_ACCESS_KEY: not set (expected: the server's base64 access key)");
        }
        key = Base64.getDecoder().decode(keyText.trim());
        macs = ThreadLocal.withInitial(this::newMac);
        calls = Integer.parseInt(o.getOrDefault("calls", "1000"));
        rate = Double.parseDouble(o.getOrDefault("rate", "100"));
        seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        callbackPort = Integer.parseInt(o.getOrDefault("callback-port", "27090"));
        sinkPort = Integer.parseInt(o.getOrDefault("sink-port", "27091"));
        serverPid = Long.parseLong(o.getOrDefault("server-pid", "0"));
        sinkPid = Long.parseLong(o.getOrDefault("sink-pid", "0"));
        sippPidList = o.getOrDefault("sipp-pid", "0");
        sippPidFile = o.containsKey("sipp-pid-file") ? Path.of(o.get("sipp-pid-file")) : null;
        clockTicks = Long.parseLong(o.getOrDefault("clk-tck", "100"));
        firstNumber = Long.parseLong(o.getOrDefault("first-number", "14255550000"));
        participants = Integer.parseInt(o.getOrDefault("participants", "1"));
        conference = participants > 1;
        legsTalk = o.getOrDefault("legs-talk", "pcap");
        record = o.getOrDefault("record", "none");
        reportFile = Path.of(o.getOrDefault("report", "bench/sip/out/report.txt"));
        runLabel = o.getOrDefault("label", "");
        restRate = Integer.parseInt(o.getOrDefault("rest-rate", "0"));
        restWarmupSeconds = Integer.parseInt(o.getOrDefault("rest-warmup", "0"));
        warmup = Boolean.parseBoolean(o.getOrDefault("warmup", "false"));
        inbound = Boolean.parseBoolean(o.getOrDefault("inbound", "false"));
        readyFile = Path.of(o.getOrDefault("ready-file", "bench/sip/out/ready"));
        if (inbound && conference) {
            throw new IllegalArgumentException("--inbound: playback only");
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        legIds = new String[calls];
        createNanos = new long[calls];
        createSendNanos = new long[calls];
        createdAt = new long[calls];
        offerDelayNanos = new long[calls];
        createStatus = new int[calls];
        playNanos = new long[calls];
        playStatus = new int[calls];
        hangupNanos = new long[calls];
        hangupStatus = new int[calls];
        connectedAt = new long[calls];
        disconnectedAt = new long[calls];
        disconnectSubcode = new String[calls];
        joined = new int[calls];
        invited = new int[calls];
        fullAt = new long[calls];
        growthFailed = new boolean[calls];
        inviteNanos = new long[calls * participants];
        inviteStatus = new int[calls * participants];
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("argument " + args[i] + " (expected: --name value)");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        int exit = new LoadDriver(options).run();
        System.exit(exit);
    }

    // ---------------------------------------------------------------- the run

    int run() throws Exception {
        // The JDK's server keeps at most 200 idle connections (sun.net.httpserver.maxIdleConnections) and closes any
        // beyond once its response is sent, without saying so: the server's webhook client, which opens up to 128 a
        // callback address in a burst, would find them closed when it reuses them (seen: "Connection was closed",
        // IncomingCall retried a second later). Room for all of them, as a receiver that keeps its connections,
        // unless the driver's JVM options say otherwise (BENCH_DRIVER_JAVA_OPTS=-Dsun.net.httpserver...).
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
        }
        HttpServer callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", callbackPort), 1024);
        callbacks.createContext("/cb", this::onCallback);
        callbacks.createContext("/prompt.wav", this::onPrompt);
        callbacks.createContext("/incoming", this::onIncoming);
        callbacks.setExecutor(callbackThreads);
        callbacks.start();
        String loadBefore = loadAverage();
        try (DatagramChannel sink = DatagramChannel.open()) {
            sink.connect(new InetSocketAddress("127.0.0.1", sinkPort));

            log("idle sample (GC.run, heap, RSS)");
            Sample idle = warmup ? null : sample(true);
            boolean nmt = !warmup && jcmd("VM.native_memory baseline").contains("Baseline taken");

            List<String> metricsAtStart = scrape();
            long[] lateAtStart = lateSlots(metricsAtStart);
            long rampStart;
            long rampEnd;
            if (inbound) {
                log("ready for " + calls + " incoming calls at " + rate + "/s (" + readyFile + ")");
                Files.writeString(readyFile, "ready\n");
                waitUntil("every incoming call offered", System.nanoTime()
                        + TimeUnit.SECONDS.toNanos((long) (calls / rate) + 90), () -> offered.get() >= calls);
                rampStart = Arrays.stream(createdAt).filter(t -> t != 0).min().orElse(System.nanoTime());
                rampEnd = Arrays.stream(createdAt).max().orElse(rampStart);
            } else {
                log("creating " + calls + " calls at " + rate + "/s");
                rampStart = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    long due = rampStart + (long) (i * 1e9 / rate);
                    parkUntil(due);
                    createCall(i);
                }
                rampEnd = System.nanoTime();
            }
            long setupDeadline = rampEnd + TimeUnit.SECONDS.toNanos(conference ? 30 + 5L * participants : 30);
            waitUntil(conference ? "every create answered and every call grown to " + participants
                            + " participants, failed or ended" : "every create answered and every call connected or ended",
                    setupDeadline, () -> createAnswered.get() == calls && settledCalls() == calls);
            long lastConnected = Arrays.stream(conference ? fullAt : connectedAt).max().orElse(0);
            int connectedCount = conference ? full.get() : connected.get();
            waitUntil("every PlayAudio answered", System.nanoTime() + TimeUnit.SECONDS.toNanos(15),
                    () -> playAnswered.get() >= playRequested.get());
            long activeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            String status = "";
            while (System.nanoTime() < activeDeadline) {
                status = ask(sink, "STATUS");
                int active = Integer.parseInt(status.replaceAll(".*active=(\\d+).*", "$1"));
                if (active >= (conference ? liveLegs() : connectedCount - disconnected.get())) {
                    break;
                }
                Thread.sleep(200);
            }
            log("sink before window: " + status);
            if (warmup) {
                // only to warm the server up (its JIT, its pools) for the measured run that follows
                hangUpAll();
                ask(sink, "RESET"); // the measured run's whole-run figures start after the warm-up
                log("warm-up done: " + connectedCount + " of " + calls + " connected");
                return connectedCount == calls && problems.isEmpty() ? 0 : 1;
            }
            Thread.sleep(1000); // let the first prompt fetches and JIT settle before measuring
            if (restRate > 0 && restWarmupSeconds > 0) {
                log("REST load for " + restWarmupSeconds + " s before the window");
                long restWarmupStart = System.nanoTime();
                restLoad(restWarmupStart, restWarmupStart + TimeUnit.SECONDS.toNanos(restWarmupSeconds),
                        restWarmupFigures).join(TimeUnit.SECONDS.toMillis(restWarmupSeconds + 35L));
            }

            log("steady state for " + seconds + " s");
            inWindow = true;
            int connectedAtStart = conference ? liveLegs() : connected.get() - disconnected.get();
            ask(sink, "START");
            long windowStart = System.nanoTime();
            long cpuStart = cpuTicks(serverPid);
            long sinkStart = cpuTicks(sinkPid);
            long selfStart = cpuTicks(ProcessHandle.current().pid());
            long sippStart = sippTicks();
            Map<String, Long> pacersStart = pacerTicks();
            List<String> metricsAtWindow = scrape();
            long[] lateAtWindow = lateSlots(metricsAtWindow);
            long[] machineStart = machineTicks();
            long pressureStart = cpuPressureMicros();
            Thread rest = restLoad(windowStart, windowStart + TimeUnit.SECONDS.toNanos(seconds), restFigures);
            parkUntil(windowStart + TimeUnit.SECONDS.toNanos(seconds) / 2);
            Sample mid = sample(false); // RSS only: no jcmd (a JVM start) inside the window
            parkUntil(windowStart + TimeUnit.SECONDS.toNanos(seconds));
            long cpuEnd = cpuTicks(serverPid);
            long[] machineEnd = machineTicks();
            long pressure = pressureStart < 0 ? -1 : cpuPressureMicros() - pressureStart;
            long sinkCpu = cpuTicks(sinkPid) - sinkStart;
            long selfCpu = cpuTicks(ProcessHandle.current().pid()) - selfStart;
            long sippCpu = sippTicks() - sippStart;
            Map<String, Long> pacersEnd = pacerTicks();
            List<String> metricsAtEnd = scrape();
            long[] lateAtEnd = lateSlots(metricsAtEnd);
            pacersEnd.replaceAll((name, ticks) -> ticks - pacersStart.getOrDefault(name, 0L));
            pacerWindowTicks = pacersEnd;
            long windowEnd = System.nanoTime();
            String rtp = ask(sink, "STOP");
            inWindow = false;
            rest.join(TimeUnit.SECONDS.toMillis(35)); // its last requests answer within their 30 s timeout
            String loadDuring = loadAverage();

            log("loaded sample (GC.run, heap, RSS)");
            String forcedGcFrom = java.time.LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS"));
            Sample loaded = sample(true);
            String nativeGrowth = nmt ? jcmd("VM.native_memory summary.diff") : "";
            int legsAtLoaded = liveLegs();

            hangUpAll();
            Thread.sleep(1000);
            log("after sample (GC.run, heap, RSS)");
            Sample after = sample(true);
            String loadAfter = loadAverage();

            String report = conference ? conferenceReport(idle, mid, loaded, after, rampStart, rampEnd, lastConnected,
                    connectedAtStart, legsAtLoaded, cpuStart, cpuEnd, windowStart, windowEnd, parse(rtp), loadBefore,
                    loadDuring, loadAfter, new long[] {machineEnd[0] - machineStart[0],
                        machineEnd[1] - machineStart[1], sinkCpu, selfCpu, pressure, sippCpu})
                    : report(idle, mid, loaded, after, rampStart, rampEnd, lastConnected, connectedAtStart,
                    cpuStart, cpuEnd, windowStart, windowEnd, parse(rtp), loadBefore, loadDuring, loadAfter,
                    new long[] {machineEnd[0] - machineStart[0], machineEnd[1] - machineStart[1], sinkCpu, selfCpu,
                        pressure});
            report += lateness(lateAtStart, lateAtWindow, lateAtEnd);
            if (conference) {
                report += received(metricsAtWindow, metricsAtEnd, connectedAtStart, (windowEnd - windowStart) / 1e9);
            }
            report += inbound
                    ? serverTime(":answer over the ramp", ANSWER_BUCKET, metricsAtStart, metricsAtWindow)
                    : serverTime("POST /calls over the ramp", CREATE_BUCKET, metricsAtStart, metricsAtWindow);
            if (restRate > 0) {
                report += serverTime("GET call connection in the window", GET_BUCKET, metricsAtWindow, metricsAtEnd);
            }
            // run.sh counts the server's pacer warnings before this time against the target, and after it apart
            report += "harness GCs    full collections forced for the heap figures (jcmd GC.run) from " + forcedGcFrom
                    + ": the pacers stand still during each\n";
            if (nmt) {
                report += nativeMemory(nativeGrowth, loaded.rssKiB - idle.rssKiB, connectedAtStart);
            }
            System.out.println(report);
            Files.createDirectories(reportFile.toAbsolutePath().getParent());
            Files.writeString(reportFile, report);
            System.out.println("report written to " + reportFile);
            try {
                ask(sink, "QUIT");
            } catch (IOException ignored) {
                // the sink is killed by run.sh anyway
            }
            return connectedCount == calls && problems.isEmpty() ? 0 : 1; // conference: every call at P legs
        } finally {
            callbacks.stop(0);
            callbackThreads.shutdownNow();
        }
    }

    /**
     * The combined load ({@code --rest-rate}): from {@code start} to {@code end}, GET call connection requests at
     * the given rate over the connected calls, open loop: request k is due at {@code start + k / rate} and its
     * latency counts from then (into {@code figures}), so a client that falls behind shows in the figures instead
     * of hiding the server's delays. Sent over {@value #REST_CONNECTIONS} persistent HTTP/1.1 connections by a plain
     * socket client: the JDK's HttpClient cost this machine more CPU at 500 requests/s than the server spent
     * answering them.
     */
    Thread restLoad(long start, long end, RestFigures figures) {
        Thread thread = new Thread(() -> {
            if (restRate <= 0) {
                return;
            }
            List<String> live = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                if (legIds[i] != null && connectedAt[i] != 0 && disconnectedAt[i] == 0) {
                    live.add(legIds[i]);
                }
            }
            if (live.isEmpty()) {
                return;
            }
            AtomicLong next = new AtomicLong();
            List<Thread> connections = new ArrayList<>();
            for (int c = 0; c < REST_CONNECTIONS; c++) {
                Thread connection = new Thread(() -> restConnection(start, end, next, live, figures),
                        "rest-load-" + c);
                connection.start();
                connections.add(connection);
            }
            for (Thread connection : connections) {
                try {
                    connection.join(TimeUnit.SECONDS.toMillis(35));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "rest-load");
        thread.start();
        return thread;
    }

    static final int REST_CONNECTIONS = 8;

    /** One connection of the combined load: takes the next due request, waits for its time, sends, reads. */
    void restConnection(long start, long end, AtomicLong next, List<String> live, RestFigures figures) {
        URI uri = URI.create(api);
        ApiConnection connection = new ApiConnection();
        try {
            for (long k = next.getAndIncrement(); ; k = next.getAndIncrement()) {
                long due = start + (long) (k * 1e9 / restRate);
                if (due >= end) {
                    return;
                }
                parkUntil(due);
                String path = "/calling/callConnections/" + live.get((int) (k % live.size()))
                        + "?api-version=2025-05-15";
                figures.sent().incrementAndGet();
                byte[] head = requestHead("GET", path, NO_BODY);
                figures.sendDelays().add(System.nanoTime() - due);
                int status = connection.exchange(uri, head, NO_BODY).statusCode();
                if (status == 200) {
                    figures.latencies().add(System.nanoTime() - due);
                } else if (figures.failed().incrementAndGet() <= 3) {
                    problem("GET call connection: HTTP " + status);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (figures.failed().incrementAndGet() <= 3) {
                problem("GET call connection: " + e);
            }
        } finally {
            connection.close();
        }
    }

    /** One line of the combined load's figures: what was sent, answered and failed, and the latencies. */
    String restLine(String what, RestFigures figures, String target) {
        long[] latencies = figures.latencies().stream().mapToLong(Long::longValue).toArray();
        long[] sendDelays = figures.sendDelays().stream().mapToLong(Long::longValue).toArray();
        return String.format(Locale.ROOT, what + "%d sent, %d ok, %d failed; p50 %.1f ms, p99 %.1f ms %s, "
                        + "max %.1f ms%s%n               of which the driver's own wait to send: p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", restRate, figures.sent().get(), latencies.length,
                figures.failed().get(), pct(latencies, 0.50), pct(latencies, 0.99),
                verdict(pct(latencies, 0.99) <= 5.0), pct(latencies, 1.0), target, pct(sendDelays, 0.50),
                pct(sendDelays, 0.99), pct(sendDelays, 1.0));
    }

    /** Reads one HTTP/1.1 response with a Content-Length body into {@code body}; returns its status code. */
    static int readResponse(InputStream in, ByteArrayOutputStream body) throws IOException {
        StringBuilder head = new StringBuilder();
        int n;
        do {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            head.append((char) b);
            n = head.length();
        } while (n < 4 || head.charAt(n - 1) != '\n' || head.charAt(n - 2) != '\r' || head.charAt(n - 3) != '\n'
                || head.charAt(n - 4) != '\r');
        Matcher length = CONTENT_LENGTH.matcher(head);
        int remaining = length.find() ? Integer.parseInt(length.group(1)) : 0;
        body.write(in.readNBytes(remaining));
        if (body.size() < remaining) {
            throw new IOException("connection closed within a body");
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");

    /** Hangs up every connected call at the run's rate and waits until all are disconnected. */
    void hangUpAll() throws InterruptedException {
        log("hanging up at " + rate + "/s");
        hangingUp = true;
        long hangStart = System.nanoTime();
        int k = 0;
        for (int i = 0; i < calls; i++) {
            if (legIds[i] != null && connectedAt[i] != 0 && disconnectedAt[i] == 0) {
                parkUntil(hangStart + (long) (k++ * 1e9 / rate));
                hangUp(i);
            }
        }
        int hangups = k;
        waitUntil("every call disconnected", System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
                () -> hangupAnswered.get() >= hangups && disconnected.get() >= connected.get());
    }

    long sippTicks() {
        String list = sippPidList;
        if (sippPidFile != null) {
            try {
                list = Files.readString(sippPidFile).trim();
            } catch (IOException e) {
                problem("reading the SIPp process ids from " + sippPidFile + ": " + e);
                return 0;
            }
        }
        return Arrays.stream(list.split(",")).mapToLong(Long::parseLong).map(this::cpuTicks).sum();
    }

    synchronized int settledCalls() {
        int settled = 0;
        for (int i = 0; i < calls; i++) {
            if (createStatus[i] != 0 && createStatus[i] != 200) {
                settled++;
            } else if (conference ? fullAt[i] != 0 || growthFailed[i] || disconnectedAt[i] != 0
                    : connectedAt[i] != 0 || disconnectedAt[i] != 0) {
                settled++;
            }
        }
        return settled;
    }

    /** Conference mode: legs of the calls connected and not disconnected, as their latest ParticipantsUpdated says. */
    synchronized int liveLegs() {
        int legs = 0;
        for (int i = 0; i < calls; i++) {
            if (connectedAt[i] != 0 && disconnectedAt[i] == 0) {
                legs += joined[i];
            }
        }
        return legs;
    }

    // ---------------------------------------------------------------- requests

    void createCall(int i) {
        String body = "{\"source\":{\"communicationUser\":{\"id\":\"8:acs:bench\"}},"
                + "\"targets\":[{\"phoneNumber\":{\"value\":\"+" + (firstNumber + (long) i * participants)
                + "\"}}],"
                + "\"callbackUri\":\"http://127.0.0.1:" + callbackPort + "/cb\","
                + "\"requestedModalities\":[\"audio\"],\"requestedCallEvents\":["
                + (conference ? "\"participantsUpdated\"" : "") + "]}";
        invited[i] = 1;
        long start = System.nanoTime();
        createdAt[i] = start;
        send("POST", "/calls", body).whenComplete((response, error) -> created(i, "POST /calls", LEG_ID, start,
                response, error));
    }

    /** Inbound mode: answers call i, offered as {@code context} ({@code createdAt[i]} is when it was offered). */
    void answer(int i, String context) {
        String body = "{\"incomingCallContext\":\"" + context + "\",\"callbackUri\":\"http://127.0.0.1:"
                + callbackPort + "/cb\"}";
        long start = System.nanoTime();
        send("POST", "/calling/callConnections:answer?" + GA_VERSION, body).whenComplete((response, error) ->
                created(i, ":answer", CALL_ID, start, response, error));
    }

    static final String GA_VERSION = "api-version=2025-05-15";

    /**
     * The answer to call i's create (or, inbound, its {@code :answer}) begun at {@code start}: its latency and
     * status, and the call's id (by {@code id}) so that its events, any that overtook this answer included, count.
     */
    void created(int i, String what, Pattern id, long start, Reply response, Throwable error) {
        createNanos[i] = System.nanoTime() - start;
        if (response != null) {
            createSendNanos[i] = response.sentAt() - start;
        }
        if (error != null) {
            createStatus[i] = -1;
            problem(what + " #" + i + ": " + error);
        } else {
            createStatus[i] = response.statusCode();
            Matcher m = id.matcher(response.body());
            if (response.statusCode() == 200 && m.find()) {
                String leg = m.group(1);
                legIds[i] = leg;
                indexByLeg.put(leg, i);
                List<String> early = earlyEvents.remove(leg);
                if (early != null) {
                    early.forEach(this::onEvent);
                }
            } else {
                problem(what + " #" + i + ": HTTP " + response.statusCode() + " " + response.body());
            }
        }
        createAnswered.incrementAndGet();
    }

    void play(int i) {
        String prompt = "http://127.0.0.1:" + callbackPort + "/prompt.wav";
        String body = inbound
                ? "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"" + prompt + "\"},"
                        + "\"playSourceCacheId\":\"bench-prompt-10s\"}],\"playOptions\":{\"loop\":true},"
                        + "\"operationContext\":\"bench-" + i + "\"}"
                : "{\"audioFileUri\":\"" + prompt + "\",\"loop\":true,"
                        + "\"operationContext\":\"bench-" + i + "\",\"resourceId\":\"bench-prompt-10s\"}";
        String path = inbound ? "/calling/callConnections/" + legIds[i] + ":play?" + GA_VERSION
                : "/calls/" + legIds[i] + "/PlayAudio";
        long start = System.nanoTime();
        playRequested.incrementAndGet();
        send("POST", path, body).whenComplete((response, error) -> {
                    playNanos[i] = System.nanoTime() - start;
                    playStatus[i] = error != null ? -1 : response.statusCode();
                    if (playStatus[i] != 202) {
                        problem("PlayAudio #" + i + ": " + (error != null ? error
                                : "HTTP " + response.statusCode() + " " + response.body()));
                    }
                    playAnswered.incrementAndGet();
                });
        if (!record.equals("none")) {
            record(i);
        }
    }

    /** Starts recording call i ({@code --record mixed|unmixed}) through the GA API, by its call connection id. */
    void record(int i) {
        String body = "{\"callConnectionId\":\"" + legIds[i] + "\",\"recordingChannelType\":\"" + record
                + "\",\"recordingContentType\":\"audio\",\"recordingFormatType\":\"wav\"}";
        send("POST", "/calling/recordings?" + GA_VERSION, body).whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 200) {
                        recordingsStarted.incrementAndGet();
                    } else {
                        recordingsRefused.incrementAndGet();
                        problem("record #" + i + ": " + (error != null ? error
                                : "HTTP " + response.statusCode() + " " + response.body()));
                    }
                });
    }

    /** Conference mode: invites call i's next number (its k-th leg, k = 1..P-1); from the callback thread. */
    void invite(int i) {
        int k = invited[i]++;
        int slot = i * participants + k;
        String body = "{\"participants\":[{\"phoneNumber\":{\"value\":\"+" + (firstNumber + slot) + "\"}}],"
                + "\"operationContext\":\"bench-" + i + "-" + k + "\"}";
        long start = System.nanoTime();
        invitesRequested.incrementAndGet();
        send("POST", "/calls/" + legIds[i] + "/participants", body).whenComplete((response, error) -> {
                    inviteNanos[slot] = System.nanoTime() - start;
                    inviteStatus[slot] = error != null ? -1 : response.statusCode();
                    if (inviteStatus[slot] != 202) {
                        problem("invite #" + i + "/" + k + ": " + (error != null ? error
                                : "HTTP " + response.statusCode() + " " + response.body()));
                        synchronized (this) {
                            growthFailed[i] = true;
                        }
                    }
                    invitesAnswered.incrementAndGet();
                });
    }

    void hangUp(int i) {
        long start = System.nanoTime();
        String path = inbound ? "/calling/callConnections/" + legIds[i] + ":terminate?" + GA_VERSION
                : "/calls/" + legIds[i] + "/Hangup";
        int accepted = inbound ? 204 : 202;
        send("POST", path, null).whenComplete((response, error) -> {
                    hangupNanos[i] = System.nanoTime() - start;
                    hangupStatus[i] = error != null ? -1 : response.statusCode();
                    if (hangupStatus[i] != accepted) {
                        problem("Hangup #" + i + ": " + (error != null ? error
                                : "HTTP " + response.statusCode() + " " + response.body()));
                    }
                    hangupAnswered.incrementAndGet();
                });
    }

    /** An answer, and when its request was written (its sending done: {@code System.nanoTime()}). */
    record Reply(int statusCode, String body, long sentAt) {
    }

    /**
     * Sends a request signed as in acs-ga.md §1 on one of {@value #API_CONNECTIONS} persistent HTTP/1.1 connections
     * (a plain socket each, on its own thread; see {@link #restLoad} for why not the JDK's HttpClient); the reply
     * completes on that thread. A connection the server closed while idle is opened again once.
     */
    CompletableFuture<Reply> send(String method, String pathAndQuery, String body) {
        return CompletableFuture.supplyAsync(() -> {
            byte[] bytes = body == null ? NO_BODY : body.getBytes(StandardCharsets.UTF_8);
            byte[] head = requestHead(method, pathAndQuery, bytes);
            for (int attempt = 0; ; attempt++) {
                ApiConnection connection = API_CONNECTION.get();
                try {
                    return connection.exchange(URI.create(api), head, bytes);
                } catch (IOException e) {
                    connection.close();
                    if (attempt > 0 || !connection.reused) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }, apiThreads);
    }

    static final byte[] NO_BODY = new byte[0];

    /** The head of a request signed as in acs-ga.md §1 (a JSON body when there is one). */
    byte[] requestHead(String method, String pathAndQuery, byte[] body) {
        String contentHash = body.length == 0 ? EMPTY_SHA256 : base64(sha256(body));
        String date = RFC1123.format(ZonedDateTime.now(ZoneOffset.UTC));
        return (method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nx-ms-date: " + date
                + "\r\nx-ms-content-sha256: " + contentHash + "\r\nAuthorization: "
                + authorization(method, pathAndQuery, date, contentHash)
                + (body.length == 0 ? "" : "\r\nContent-Type: application/json")
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static final int API_CONNECTIONS = 64;
    final ExecutorService apiThreads = Executors.newFixedThreadPool(API_CONNECTIONS, r -> {
        Thread thread = new Thread(r, "api-connection");
        thread.setDaemon(true);
        return thread;
    });
    static final ThreadLocal<ApiConnection> API_CONNECTION = ThreadLocal.withInitial(ApiConnection::new);

    /** One thread's persistent connection to the API, opened on first use and after a failure. */
    static final class ApiConnection {
        java.net.Socket socket;
        InputStream in;
        boolean reused;

        Reply exchange(URI api, byte[] head, byte[] body) throws IOException {
            reused = socket != null;
            if (socket == null) {
                socket = new java.net.Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 5000);
                socket.setSoTimeout(30_000);
                in = new java.io.BufferedInputStream(socket.getInputStream());
            }
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            long sentAt = System.nanoTime();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int status = readResponse(in, reply);
            return new Reply(status, reply.toString(StandardCharsets.UTF_8), sentAt);
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // opened again on next use
                }
            }
            socket = null;
        }
    }

    /** The Authorization header of a request: HMAC-SHA256 over VERB, path and query, date;host;content hash. */
    String authorization(String method, String pathAndQuery, String date, String contentHash) {
        String toSign = method + "\n" + pathAndQuery + "\n" + date + ";" + hostHeader + ";" + contentHash;
        return "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
                + base64(hmac(toSign.getBytes(StandardCharsets.UTF_8)));
    }

    /** A keyed HMAC for one thread ({@link #macs}). */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    byte[] hmac(byte[] data) {
        return macs.get().doFinal(data);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ---------------------------------------------------------------- callbacks and the prompt

    void onCallback(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        Matcher id = CALL_ID.matcher(body);
        if (!id.find()) {
            problem("callback without callConnectionId: " + abbreviate(body));
            return;
        }
        String leg = id.group(1);
        if (!indexByLeg.containsKey(leg)) {
            // the event overtook the POST /calls response: replay it once the id is known
            earlyEvents.compute(leg, (k, list) -> {
                List<String> l = list == null ? new ArrayList<>() : list;
                l.add(body);
                return l;
            });
            if (indexByLeg.containsKey(leg)) {
                List<String> early = earlyEvents.remove(leg);
                if (early != null) {
                    early.forEach(this::onEvent);
                }
            }
            return;
        }
        onEvent(body);
    }

    synchronized void onEvent(String body) {
        Matcher id = CALL_ID.matcher(body);
        Matcher type = TYPE.matcher(body);
        if (!id.find() || !type.find()) {
            problem("unreadable callback: " + abbreviate(body));
            return;
        }
        int i = indexByLeg.get(id.group(1));
        switch (type.group(1)) {
            // the origin API's events, and the GA API's (inbound mode) of the same meaning
            case "CallConnectionStateChanged", "CallConnected", "CallDisconnected" -> {
                Matcher state = STATE.matcher(body);
                String s = switch (type.group(1)) {
                    case "CallConnected" -> "connected";
                    case "CallDisconnected" -> "disconnected";
                    default -> state.find() ? state.group(1) : "?";
                };
                if (s.equals("connected") && connectedAt[i] == 0) {
                    connectedAt[i] = System.nanoTime();
                    connected.incrementAndGet();
                    if (!conference) {
                        play(i);
                    }
                } else if (s.equals("disconnected") && disconnectedAt[i] == 0) {
                    disconnectedAt[i] = System.nanoTime();
                    Matcher sub = SUBCODE.matcher(body);
                    disconnectSubcode[i] = sub.find() ? sub.group(1) : "?";
                    disconnected.incrementAndGet();
                    if (connectedAt[i] != 0 && !hangingUp) {
                        if (inWindow) {
                            droppedInWindow.incrementAndGet();
                        }
                        problem("call #" + i + " disconnected before our hang-up: " + abbreviate(body));
                    }
                }
            }
            case "PlayAudioResult", "PlayCompleted", "PlayFailed", "PlayCanceled" -> {
                Matcher status = STATUS.matcher(body);
                String s = type.group(1).equals("PlayAudioResult") ? (status.find() ? status.group(1) : "?")
                        : type.group(1).equals("PlayCompleted") ? "completed" : type.group(1);
                if (s.equals("completed")) {
                    playCompleted.incrementAndGet();
                } else {
                    playFailed.incrementAndGet();
                    if (!hangingUp) {
                        problem("PlayAudioResult " + s + " on call #" + i + ": " + abbreviate(body));
                    }
                }
            }
            case "ParticipantsUpdated" -> {
                if (!conference) {
                    return;
                }
                Matcher m = PARTICIPANT_ID.matcher(body);
                int n = 0;
                while (m.find()) {
                    n++;
                }
                if (n < joined[i] && !hangingUp && disconnectedAt[i] == 0) {
                    if (inWindow) {
                        legsLeftInWindow.addAndGet(joined[i] - n);
                    }
                    problem("call #" + i + " went from " + joined[i] + " to " + n + " participants before our hang-up");
                }
                joined[i] = n;
                if (fullAt[i] == 0 && !hangingUp) {
                    if (n >= participants) {
                        fullAt[i] = System.nanoTime();
                        full.incrementAndGet();
                        play(i);
                    } else if (n >= invited[i] && invited[i] < participants && !growthFailed[i]) {
                        invite(i);
                    }
                }
            }
            case "InviteParticipantsResult", "AddParticipantResult" -> {
                Matcher status = STATUS.matcher(body);
                String s = status.find() ? status.group(1) : "?";
                if (s.equals("completed") || s.equals("succeeded")) {
                    inviteResultsCompleted.incrementAndGet();
                } else {
                    inviteResultsFailed.incrementAndGet();
                    growthFailed[i] = true;
                    if (!hangingUp) {
                        problem(type.group(1) + " " + s + " on call #" + i + ": " + abbreviate(body));
                    }
                }
            }
            default -> {
                // others: not measured
            }
        }
    }

    static final Pattern EVENT_TIME = Pattern.compile("\"eventTime\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern INCOMING_CONTEXT = Pattern.compile("\"incomingCallContext\"\\s*:\\s*\"([^\"]+)\"");

    /** Inbound mode: an Event Grid delivery of IncomingCall events; each call offered is answered (call i). */
    void onIncoming(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long at = System.nanoTime();
        Instant arrived = Instant.now();
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        Matcher eventTime = EVENT_TIME.matcher(body);
        Matcher context = INCOMING_CONTEXT.matcher(body);
        boolean any = false;
        while (context.find()) {
            any = true;
            int i = offered.getAndIncrement();
            if (i >= calls) {
                problem("IncomingCall beyond the " + calls + " expected: not answered");
                continue;
            }
            createdAt[i] = at;
            if (eventTime.find(context.start()) || eventTime.find(0)) {
                // at least 1 ns: pct() counts only the calls with a figure
                offerDelayNanos[i] = Math.max(1, Duration.between(Instant.parse(eventTime.group(1)),
                        arrived).toNanos());
            }
            answer(i, context.group(1));
        }
        if (!any) {
            problem("incoming-call delivery without an incomingCallContext: " + abbreviate(body));
        }
    }

    void onPrompt(HttpExchange exchange) throws IOException {
        promptFetches.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        exchange.sendResponseHeaders(200, prompt.length);
        exchange.getResponseBody().write(prompt);
        exchange.close();
    }

    /** 10 s, 16-bit, 16 kHz, mono: a 440 Hz tone with a little noise. */
    static byte[] promptWav() {
        int rate = 16000;
        int samples = rate * 10;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        Random noise = new Random(42);
        for (int n = 0; n < samples; n++) {
            double v = 0.3 * Math.sin(2 * Math.PI * 440 * n / rate) + 0.02 * noise.nextGaussian();
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        return b.array();
    }

    // ---------------------------------------------------------------- server measurements

    record Sample(long rssKiB, long heapUsedKiB, long cpuTicks, long at) {
    }

    /** With {@code live}: a full GC, then the heap used (live objects); without: RSS and CPU only (no jcmd). */
    Sample sample(boolean live) {
        long heap = -1;
        if (live) {
            jcmd("GC.run");
            Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
            heap = !m.find() ? -1 : m.group(1) != null ? Long.parseLong(m.group(1))
                    : Long.parseLong(m.group(2)) << (10 * "KMG".indexOf(m.group(3)));
        }
        return new Sample(rssKiB(), heap, cpuTicks(serverPid), System.nanoTime());
    }

    String jcmd(String command) {
        if (serverPid <= 0) {
            return "";
        }
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(serverPid), command).redirectErrorStream(true)
                    .start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problem("jcmd " + command + " timed out");
            }
            reader.join(5000);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            problem("jcmd " + command + ": " + e);
            return "";
        }
    }

    long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            problem("reading /proc/" + pid + "/stat: " + e);
            return 0;
        }
    }

    /** CPU ticks (utime + stime) of each server thread named rtp-pacer-*, from /proc/PID/task. */
    Map<String, Long> pacerTicks() {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + serverPid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("rtp-pacer")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            problem("reading /proc/" + serverPid + "/task: " + e);
        }
        return ticks;
    }

    long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + serverPid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            problem("reading /proc/" + serverPid + "/status: " + e);
        }
        return -1;
    }

    /**
     * A caveat when /proc/stat counted less busy time in the window than the measured processes used (seen on this
     * project's virtual machine now and then): the machine-wide shares of that window are then not to be trusted.
     */
    static String undercounted(double othersPercent) {
        return othersPercent < -2 ? "\n               => /proc/stat counted less busy time than these processes' own "
                + "ticks: the machine-wide figures of this window are unreliable" : "";
    }

    /** Busy and total ticks of the whole machine (all cores) from /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    /** Microseconds in which some task waited for a CPU (Linux PSI, /proc/pressure/cpu), or -1. */
    static long cpuPressureMicros() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
                if (line.startsWith("some")) {
                    return Long.parseLong(line.replaceAll(".*total=(\\d+).*", "$1"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no PSI on this kernel
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- report

    String report(Sample idle, Sample mid, Sample loaded, Sample after, long rampStart, long rampEnd,
                  long lastConnected, int connectedAtStart, long cpuStart, long cpuEnd, long windowStart,
                  long windowEnd, Map<String, String> rtp, String loadBefore, String loadDuring, String loadAfter,
                  long[] machine) {
        int createOk = 0;
        int createFailed = 0;
        int endedBeforeConnect = 0;
        int neverConnected = 0;
        Map<String, Integer> failureSubcodes = new LinkedHashMap<>();
        for (int i = 0; i < calls; i++) {
            if (createStatus[i] == 200) {
                createOk++;
            } else {
                createFailed++;
                continue;
            }
            if (connectedAt[i] == 0) {
                if (disconnectedAt[i] != 0) {
                    endedBeforeConnect++;
                    failureSubcodes.merge(disconnectSubcode[i], 1, Integer::sum);
                } else {
                    neverConnected++;
                }
            }
        }
        int ok = connected.get();
        int notDisconnected = 0;
        for (int i = 0; i < calls; i++) {
            if (connectedAt[i] != 0 && disconnectedAt[i] == 0) {
                notDisconnected++;
            }
        }
        double rampSeconds = (rampEnd - rampStart) / 1e9;
        double setupSeconds = (lastConnected - rampStart) / 1e9;
        double windowSeconds = (windowEnd - windowStart) / 1e9;
        double cpuSeconds = (cpuEnd - cpuStart) / (double) clockTicks;
        double cpuMsPerCallSecond = connectedAtStart == 0 ? Double.NaN
                : cpuSeconds * 1000 / (connectedAtStart * windowSeconds);
        int n = Math.max(1, ok);
        double heapPerCall = (loaded.heapUsedKiB - idle.heapUsedKiB) / (double) n;
        double rssPerCall = (loaded.rssKiB - idle.rssKiB) / (double) n;
        double rssMidPerCall = (mid.rssKiB - idle.rssKiB) / (double) n;

        RtpFigures f = RtpFigures.of(rtp);
        double expected = connectedAtStart * windowSeconds * 50;
        double load1 = Double.parseDouble(loadBefore.split(" ")[0]);
        int cores = Runtime.getRuntime().availableProcessors();
        // share of all cores busy during the window, and how much of it was not this benchmark's server or sink
        double machineBusy = 100.0 * machine[0] / Math.max(1, machine[1]);
        double others = 100.0 * (machine[0] - (cpuEnd - cpuStart) - machine[2] - machine[3]) / Math.max(1, machine[1]);
        double pressurePct = machine[4] < 0 ? Double.NaN : machine[4] / 10_000.0 / windowSeconds;
        // the load average lags by minutes, so the window's own figures decide too
        boolean busy = load1 > cores || others > 15 || pressurePct > 10;

        StringBuilder r = new StringBuilder();
        r.append("== Switchboard SIP playback benchmark (not a test) ").append(runLabel).append('\n');
        r.append(String.format(Locale.ROOT, "run            N=%d calls, R=%.0f setups/s, D=%d s; %d cores%s%n",
                calls, rate, seconds, cores, inbound ? "; INBOUND: SIPp calls in, each IncomingCall answered, played "
                        + "to and ended through the GA API" : ""));
        String create = inbound ? ":answer" : "POST /calls";
        r.append(String.format(Locale.ROOT, "load average   before %s | end of window %s | after %s%n",
                loadBefore, loadDuring, loadAfter));
        r.append(String.format(Locale.ROOT, "machine CPU    in window %.0f %% of %d cores busy: server %.0f %%, "
                        + "sink %.0f %%, driver %.0f %%, other processes (SIPp, others' work) %.0f %%; "
                        + "CPU pressure (PSI some) %.1f %% of the window%s%n", machineBusy, cores,
                100.0 * (cpuEnd - cpuStart) / Math.max(1, machine[1]), 100.0 * machine[2] / Math.max(1, machine[1]),
                100.0 * machine[3] / Math.max(1, machine[1]), others, pressurePct,
                (busy ? "\n               => PRELIMINARY: the machine was busy with other work" : "")
                        + undercounted(others)));
        r.append(String.format(Locale.ROOT, "calls          ok (connected) %d / %d; failed %d (create refused %d, "
                        + "ended before connect %d%s, never connected %d); dropped in window %d; "
                        + "not disconnected after hang-up %d   [target: %d concurrent, 0 failed]%n",
                ok, calls, calls - ok, createFailed, endedBeforeConnect,
                failureSubcodes.isEmpty() ? "" : " subcodes " + failureSubcodes, neverConnected,
                droppedInWindow.get(), notDisconnected, calls));
        r.append(String.format(Locale.ROOT, "setup rate     offered %.1f/s, connected %.1f/s (first %s to last "
                + "connected %.1f s)   [target: %.0f/s]%n", calls / rampSeconds, ok / setupSeconds,
                inbound ? "IncomingCall" : "POST", setupSeconds, rate));
        long[] setupNanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            setupNanos[i] = connectedAt[i] != 0 ? connectedAt[i] - createdAt[i] : 0;
        }
        r.append(String.format(Locale.ROOT, "set-up time    %s p50 %.1f ms p99 %.1f ms max %.1f ms (%s)%n",
                inbound ? "IncomingCall received to CallConnected received" : "POST /calls begun to CallConnected "
                        + "received", pct(setupNanos, 0.50), pct(setupNanos, 0.99), pct(setupNanos, 1.0),
                inbound ? "the answer through the core and the SIP thread, the caller's ACK, the webhook"
                        : "the dial through the server's core and SIP thread, the carrier's answer, the webhook"));
        if (inbound) {
            r.append(String.format(Locale.ROOT, "offer          IncomingCall received after its eventTime (the INVITE "
                            + "offered; the journal, the webhook) p50 %.0f ms p99 %.0f ms max %.0f ms%n",
                    pct(offerDelayNanos, 0.50), pct(offerDelayNanos, 0.99), pct(offerDelayNanos, 1.0)));
        }
        r.append(String.format(Locale.ROOT, "api latency    %s p50 %.1f ms p99 %.1f ms max %.1f ms | "
                        + "%s p50 %.1f p99 %.1f | %s p50 %.1f p99 %.1f%n", create,
                pct(createNanos, 0.50), pct(createNanos, 0.99), pct(createNanos, 1.0),
                inbound ? ":play" : "PlayAudio", pct(playNanos, 0.50), pct(playNanos, 0.99),
                inbound ? ":terminate" : "Hangup", pct(hangupNanos, 0.50), pct(hangupNanos, 0.99)));
        r.append(String.format(Locale.ROOT, "               %s: of which the driver's own wait to send p50 "
                        + "%.1f ms, p99 %.1f ms, max %.1f ms%n", create, pct(createSendNanos, 0.50),
                pct(createSendNanos, 0.99), pct(createSendNanos, 1.0)));
        r.append(String.format(Locale.ROOT, "server CPU     %.2f s over %.1f s window with %d calls = %.3f ms per "
                        + "call-second %s  [target: <= 1 ms]%n", cpuSeconds, windowSeconds, connectedAtStart,
                cpuMsPerCallSecond, verdict(cpuMsPerCallSecond <= 1.0)));
        r.append(mediaThreads(windowSeconds, connectedAtStart, "call", ""));
        r.append(String.format(Locale.ROOT, "heap (live)    idle %d KiB, loaded %d KiB, after %d KiB: %.1f KiB per "
                        + "call %s  [target: <= 128 KiB]%n", idle.heapUsedKiB, loaded.heapUsedKiB,
                after.heapUsedKiB, heapPerCall, verdict(heapPerCall <= 128)));
        r.append(String.format(Locale.ROOT, "RSS            idle %d KiB, mid-window %d KiB, loaded %d KiB, after "
                        + "%d KiB: %.1f KiB per call (mid %.1f)%n", idle.rssKiB, mid.rssKiB, loaded.rssKiB,
                after.rssKiB, rssPerCall, rssMidPerCall));
        r.append(String.format(Locale.ROOT, "RTP            %s streams with packets (%s silent), %d packets = %.1f %% "
                        + "of %.0f expected over %s s; measured by %s%n", rtp.get("streams_with_packets"),
                rtp.get("streams_seen_but_silent"), f.packets(), 100.0 * f.packets() / Math.max(1, expected),
                expected,
                rtp.get("window_s"), receiver(rtp)));
        r.append(String.format(Locale.ROOT, "inter-arrival  p50 %s ms, p99 %s ms %s, p99.9 %s ms, max %s ms %s, "
                        + "outside 20+-2 ms %.2f %% [target: p99 <= 22.5, max <= 100]; streams with max > 100 ms: "
                        + "%s%n", rtp.get("iat_p50_ms"), rtp.get("iat_p99_ms"), verdict(f.p99() <= 22.5),
                rtp.get("iat_p999_ms"), rtp.get("iat_max_ms"), verdict(f.max() <= 100), f.outsidePct(),
                rtp.get("streams_max_over_100ms")));
        r.append(String.format(Locale.ROOT, "whole run      inter-arrival over every interval from the first packet "
                        + "to the window's end (the ramp included): p99 %s ms %s, p99.9 %s ms, max %s ms; %s lost "
                        + "[target: p99 <= 22.5]%n", rtp.get("whole_iat_p99_ms"),
                verdict(dbl(rtp.get("whole_iat_p99_ms")) <= 22.5), rtp.get("whole_iat_p999_ms"),
                rtp.get("whole_iat_max_ms"), rtp.get("whole_seq_lost")));
        if (restRate > 0 && restWarmupSeconds > 0) {
            r.append(restLine("REST warm-up   GET call connection at %d/s for " + restWarmupSeconds
                    + " s before the window (not counted): ", restWarmupFigures, ""));
        }
        if (restRate > 0) {
            r.append(restLine("REST load      GET call connection at %d/s in the window: ", restFigures,
                    "  [target: p99 <= 5 ms]"));
        }
        r.append(String.format(Locale.ROOT, "loss           %.3f %% by sequence gaps (%d) %s [target: <= 0.1 %%]; "
                        + "sender-skipped frames by timestamp %d (%.3f %%); late/dup %s%n", f.lossPct(), f.lost(),
                verdict(f.lossPct() <= 0.1), f.skipped(), f.skippedPct(), rtp.get("late_or_dup")));
        r.append(String.format(Locale.ROOT, "prompt         fetched %d time(s) by the server (resourceId cache); "
                        + "PlayAudioResult completed %d, failed or canceled %d%n",
                promptFetches.get(), playCompleted.get(), playFailed.get()));
        if (!record.equals("none")) {
            r.append(String.format(Locale.ROOT, "recording      %s: %d started, %d refused%n", record,
                    recordingsStarted.get(), recordingsRefused.get()));
        }
        if (!problems.isEmpty()) {
            r.append("problems       ").append(problems.size()).append(", first ones:\n");
            problems.stream().limit(8).forEach(p -> r.append("  - ").append(p).append('\n'));
        }
        return r.toString();
    }

    /** The conference mode's report: as {@link #report}, per leg, with the conference targets. */
    String conferenceReport(Sample idle, Sample mid, Sample loaded, Sample after, long rampStart, long rampEnd,
                            long lastFull, int legsAtStart, int legsAtLoaded, long cpuStart, long cpuEnd,
                            long windowStart, long windowEnd, Map<String, String> rtp, String loadBefore,
                            String loadDuring, String loadAfter, long[] machine) {
        int createOk = 0;
        int connectedCalls = 0;
        int partial = 0;
        int legsJoinedMax = 0;
        int notDisconnected = 0;
        Map<String, Integer> failureSubcodes = new LinkedHashMap<>();
        long[] growNanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            if (createStatus[i] == 200) {
                createOk++;
            }
            if (connectedAt[i] != 0) {
                connectedCalls++;
                if (fullAt[i] == 0) {
                    partial++;
                } else {
                    growNanos[i] = fullAt[i] - connectedAt[i];
                }
                if (disconnectedAt[i] == 0) {
                    notDisconnected++;
                }
            } else if (disconnectedAt[i] != 0) {
                failureSubcodes.merge(disconnectSubcode[i], 1, Integer::sum);
            }
        }
        int ok = full.get();
        int legsWanted = calls * participants;
        double rampSeconds = (rampEnd - rampStart) / 1e9;
        double setupSeconds = (lastFull - rampStart) / 1e9;
        double windowSeconds = (windowEnd - windowStart) / 1e9;
        double cpuSeconds = (cpuEnd - cpuStart) / (double) clockTicks;
        double cpuMsPerLegSecond = legsAtStart == 0 ? Double.NaN : cpuSeconds * 1000 / (legsAtStart * windowSeconds);
        int legs = Math.max(1, legsAtLoaded);
        double heapPerLeg = (loaded.heapUsedKiB - idle.heapUsedKiB) / (double) legs;
        double rssPerLeg = (loaded.rssKiB - idle.rssKiB) / (double) legs;
        double rssMidPerLeg = (mid.rssKiB - idle.rssKiB) / (double) legs;

        RtpFigures f = RtpFigures.of(rtp);
        double expected = legsAtStart * windowSeconds * 50;
        long withPackets = num(rtp, "streams_with_packets");
        double load1 = Double.parseDouble(loadBefore.split(" ")[0]);
        int cores = Runtime.getRuntime().availableProcessors();
        double machineBusy = 100.0 * machine[0] / Math.max(1, machine[1]);
        // SIPp's pcap senders (one thread per leg) are part of this benchmark: counted apart from others' work
        double sipp = 100.0 * machine[5] / Math.max(1, machine[1]);
        double others = 100.0 * (machine[0] - (cpuEnd - cpuStart) - machine[2] - machine[3] - machine[5])
                / Math.max(1, machine[1]);
        double pressurePct = machine[4] < 0 ? Double.NaN : machine[4] / 10_000.0 / windowSeconds;
        // PSI counts waits for a CPU among this benchmark's own processes too (300 SIPp senders on 2 cores): it marks
        // the run as oversubscribed, not as disturbed; others' work decides "preliminary"
        boolean busy = load1 > cores || others > 15;
        boolean oversubscribed = !busy && pressurePct > 10;

        StringBuilder r = new StringBuilder();
        r.append("== Switchboard SIP conference benchmark (not a test) ").append(runLabel).append('\n');
        r.append(String.format(Locale.ROOT, "run            %d calls x %d participants = %d legs (%s), created at %.0f/s, "
                + "invited one at a time, looped prompt into each call's mix, D=%d s; %d cores%n", calls, participants,
                legsWanted, switch (legsTalk) {
                    case "sink" -> "each talks: a 1 kHz PCMU tone from the receiver, at each leg's port";
                    case "pcap" -> "SIPp talks on each: 1 kHz PCMU pcap through raw sockets";
                    default -> "SILENT legs: control run, nobody sends RTP to the server";
                }, rate, seconds, cores));
        r.append(String.format(Locale.ROOT, "load average   before %s | end of window %s | after %s%n",
                loadBefore, loadDuring, loadAfter));
        r.append(String.format(Locale.ROOT, "machine CPU    in window %.0f %% of %d cores busy: server %.0f %%, "
                        + "sink %.0f %%, driver %.0f %%, SIPp %.0f %%, other processes (others' work) %.0f %%; "
                        + "CPU pressure (PSI some) %.1f %% of the window%s%n", machineBusy, cores,
                100.0 * (cpuEnd - cpuStart) / Math.max(1, machine[1]), 100.0 * machine[2] / Math.max(1, machine[1]),
                100.0 * machine[3] / Math.max(1, machine[1]), sipp, others, pressurePct,
                (busy ? "\n               => PRELIMINARY: the machine was busy with other work"
                        : oversubscribed ? "\n               => the benchmark's own processes (server, SIPp, sink) "
                        + "competed for the cores" : "") + undercounted(others)));
        r.append(String.format(Locale.ROOT, "calls          full (%d participants) %d / %d %s; failed %d (create refused "
                        + "%d, not connected %d%s, connected but not full %d); not disconnected after hang-up "
                        + "%d   [target: %d full, 0 failed]%n", participants, ok, calls, verdict(ok == calls),
                calls - ok, calls - createOk, createOk - connectedCalls,
                failureSubcodes.isEmpty() ? "" : " subcodes " + failureSubcodes, partial, notDisconnected, calls));
        r.append(String.format(Locale.ROOT, "participants   ok %d / %d at window start (%d at the loaded sample), failed "
                        + "%d; invites sent %d, answered 202 %d, results completed %d / failed %d; legs lost in "
                        + "window %d   [target: %d, 0 failed]%n", legsAtStart, legsWanted, legsAtLoaded,
                legsWanted - legsAtStart, invitesRequested.get(), count(inviteStatus, 202),
                inviteResultsCompleted.get(), inviteResultsFailed.get(), legsLeftInWindow.get(), legsWanted));
        r.append(String.format(Locale.ROOT, "setup          first POST to last call full %.1f s (creates offered %.1f/s); "
                        + "connected to full (%d invites) p50 %.0f ms p99 %.0f ms max %.0f ms%n", setupSeconds,
                calls / rampSeconds, participants - 1, pct(growNanos, 0.50), pct(growNanos, 0.99),
                pct(growNanos, 1.0)));
        r.append(String.format(Locale.ROOT, "api latency    POST /calls p50 %.1f ms p99 %.1f ms | POST participants p50 "
                        + "%.1f p99 %.1f max %.1f | PlayAudio p50 %.1f p99 %.1f | Hangup p50 %.1f p99 %.1f%n",
                pct(createNanos, 0.50), pct(createNanos, 0.99), pct(inviteNanos, 0.50), pct(inviteNanos, 0.99),
                pct(inviteNanos, 1.0), pct(playNanos, 0.50), pct(playNanos, 0.99), pct(hangupNanos, 0.50),
                pct(hangupNanos, 0.99)));
        r.append(String.format(Locale.ROOT, "server CPU     %.2f s over %.1f s window with %d legs = %.3f ms per "
                        + "leg-second (%.1f %% of one core per 100 legs)%n", cpuSeconds, windowSeconds, legsAtStart,
                cpuMsPerLegSecond, cpuMsPerLegSecond * 10));
        r.append(mediaThreads(windowSeconds, legsAtStart, "leg",
                " (a call's mix and all its legs run on one pacer; uneven = mixes placed unevenly)"));
        r.append(String.format(Locale.ROOT, "heap (live)    idle %d KiB, loaded %d KiB, after %d KiB: %.1f KiB per leg%n",
                idle.heapUsedKiB, loaded.heapUsedKiB, after.heapUsedKiB, heapPerLeg));
        r.append(String.format(Locale.ROOT, "RSS            idle %d KiB, mid-window %d KiB, loaded %d KiB, after "
                        + "%d KiB: %.1f KiB per leg (mid %.1f)%n", idle.rssKiB, mid.rssKiB, loaded.rssKiB,
                after.rssKiB, rssPerLeg, rssMidPerLeg));
        r.append(String.format(Locale.ROOT, "RTP            %d of %d legs' streams with packets (%s silent), %d packets "
                        + "= %.1f %% of %.0f expected over %s s %s; measured by %s%n", withPackets, legsWanted,
                rtp.get("streams_seen_but_silent"), f.packets(), 100.0 * f.packets() / Math.max(1, expected),
                expected,
                rtp.get("window_s"), verdict(withPackets == legsWanted), receiver(rtp)));
        r.append(String.format(Locale.ROOT, "inter-arrival  p50 %s ms, p99 %s ms %s [target: 20+-2, p99 <= 22 ms], p99.9 "
                        + "%s ms, max %s ms, outside 20+-2 ms %.2f %%; streams with max > 100 ms: %s%n",
                rtp.get("iat_p50_ms"), rtp.get("iat_p99_ms"), verdict(f.p99() <= 22.0), rtp.get("iat_p999_ms"),
                rtp.get("iat_max_ms"), f.outsidePct(), rtp.get("streams_max_over_100ms")));
        r.append(String.format(Locale.ROOT, "loss           %.3f %% by sequence gaps (%d) %s [target: 0]; sender-skipped "
                        + "frames by timestamp %d (%.3f %%); late/dup %s%n", f.lossPct(), f.lost(),
                verdict(f.lost() == 0),
                f.skipped(), f.skippedPct(), rtp.get("late_or_dup")));
        r.append(String.format(Locale.ROOT, "prompt         fetched %d time(s) by the server (resourceId cache); "
                        + "PlayAudioResult completed %d, failed or canceled %d%n",
                promptFetches.get(), playCompleted.get(), playFailed.get()));
        if (!problems.isEmpty()) {
            r.append("problems       ").append(problems.size()).append(", first ones:\n");
            problems.stream().limit(8).forEach(p -> r.append("  - ").append(p).append('\n'));
        }
        return r.toString();
    }

    /** What the RTP sink measured, reduced to the figures both reports print. */
    record RtpFigures(long packets, long lost, long skipped, double lossPct, double skippedPct, double outsidePct,
                      double p99, double max) {

        static RtpFigures of(Map<String, String> rtp) {
            long packets = num(rtp, "packets");
            long lost = num(rtp, "seq_lost");
            long skipped = num(rtp, "ts_skipped_frames");
            return new RtpFigures(packets, lost, skipped, 100.0 * lost / Math.max(1, packets + lost),
                    100.0 * skipped / Math.max(1, packets + lost + skipped),
                    100.0 * num(rtp, "iat_outside_20pm2") / Math.max(1, num(rtp, "intervals")),
                    dbl(rtp.get("iat_p99_ms")), dbl(rtp.get("iat_max_ms")));
        }
    }

    static int count(int[] values, int wanted) {
        int n = 0;
        for (int v : values) {
            if (v == wanted) {
                n++;
            }
        }
        return n;
    }

    static final String[] LATE_OVER = {"0.005", "0.01", "0.02", "0.05"};

    /** The server's unsigned {@code /metrics}, line by line; empty when it cannot be read (said in the log). */
    List<String> scrape() {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(api + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return List.of(metrics.body().split("\n"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            log("no /metrics: " + e);
            return List.of();
        }
    }

    /**
     * The server's own count of pacer slots whose packets left late ({@code switchboard_rtp_pacer_late_slots_total}
     * by threshold); -1 each when it is not in the scrape.
     */
    static long[] lateSlots(List<String> metrics) {
        long[] late = new long[LATE_OVER.length];
        Arrays.fill(late, -1);
        for (String line : metrics) {
            for (int i = 0; i < LATE_OVER.length; i++) {
                String sample = "switchboard_rtp_pacer_late_slots_total{over=\"" + LATE_OVER[i] + "\"} ";
                if (line.startsWith(sample)) {
                    late[i] = (long) Double.parseDouble(line.substring(sample.length()).trim());
                }
            }
        }
        return late;
    }

    /**
     * The CPU of the server's pacer threads in the window, each and together per leg-second: the part of the server's
     * CPU to hold against bench/media/floor.sh, which costs the same system calls without the server.
     */
    String mediaThreads(double windowSeconds, int legs, String leg, String note) {
        StringBuilder pacers = new StringBuilder();
        pacerWindowTicks.forEach((name, ticks) -> pacers.append(pacers.length() == 0 ? "" : ", ").append(String.format(
                Locale.ROOT, "%s %.0f %%", name, 100.0 * ticks / clockTicks / windowSeconds)));
        if (pacers.length() == 0) {
            return "media threads  n/a\n";
        }
        double together = pacerWindowTicks.values().stream().mapToLong(Long::longValue).sum() / (double) clockTicks;
        return String.format(Locale.ROOT, "media threads  CPU in window, of one core: %s; together %.3f ms per "
                + "%s-second (bench/media/floor.sh: the same system calls alone)%s%n", pacers,
                together * 1000 / Math.max(1, legs) / windowSeconds, leg, note);
    }

    /**
     * What the server received over RTP in the window ({@code switchboard_rtp_packets_received_total}, which each leg
     * adds to about once a second), against a packet every 20 ms on every leg: tells whether the legs really talked.
     */
    static String received(List<String> atWindow, List<String> atEnd, int legs, double seconds) {
        double before = metric(atWindow, "switchboard_rtp_packets_received_total");
        double after = metric(atEnd, "switchboard_rtp_packets_received_total");
        if (before < 0 || after < 0) {
            return "RTP in         not in /metrics\n";
        }
        return String.format(Locale.ROOT, "RTP in         the server received %.0f packets in the window (its /metrics, "
                + "counted about once a second per leg) = %.1f %% of a packet every 20 ms on each of %d legs%n",
                after - before, 100 * (after - before) / Math.max(1, legs * seconds * 50), legs);
    }

    /** The value of an unlabelled sample in a scrape; -1 when it is not there. */
    static double metric(List<String> metrics, String name) {
        for (String line : metrics) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    static final Pattern CREATE_BUCKET = bucket("POST", "[^\"]*/calls");
    static final Pattern ANSWER_BUCKET = bucket("POST", "[^\"]*/callConnections:answer");
    /** The GA call route, labelled with its regular expression after the mounts (and before them when it failed). */
    static final Pattern GET_BUCKET = bucket("GET",
            "[^\"]*" + Pattern.quote("/callConnections/(?<callConnectionId>[^/:]+)") + "(?:>[^\"]*)?");

    /** The server's request-time bucket lines of one method and route (a regular expression of the route label). */
    static Pattern bucket(String method, String route) {
        return Pattern.compile("^vertx_http_server_response_time_seconds_bucket\\{(?=[^}]*method=\"" + method
                + "\")(?=[^}]*route=\"" + route + "\")[^}]*le=\"([^\"]+)\"[^}]*\\} (\\S+)");
    }

    /** Requests answered within each bucket bound (seconds, +Inf last), summed over the status codes. */
    static TreeMap<Double, Double> buckets(Pattern bucket, List<String> metrics) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics) {
            Matcher m = bucket.matcher(line);
            if (m.find()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    /**
     * The report's line of the time the server itself took to answer requests between two scrapes (from its
     * request-time buckets, so "p99 <= 0.05 s" reads "99 % within the 50 ms bucket"): what of the client's latency
     * is the server's, and what is queueing before the server reads the request (the client, the kernel, the
     * event loop's backlog).
     *
     * @param what   the requests and the span, e.g. "POST /calls over the ramp"
     * @param bucket the requests' bucket lines ({@link #bucket})
     */
    static String serverTime(String what, Pattern bucket, List<String> before, List<String> after) {
        TreeMap<Double, Double> start = buckets(bucket, before);
        TreeMap<Double, Double> end = buckets(bucket, after);
        double total = end.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - start.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return "server time    " + what + ": not in the server's /metrics\n";
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "server time    %s, %.0f answered, by the server's own buckets:", what, total));
        for (double q : new double[] {0.50, 0.99, 1.0}) {
            for (Map.Entry<Double, Double> entry : end.entrySet()) {
                double within = entry.getValue() - start.getOrDefault(entry.getKey(), 0.0);
                if (within >= q * total) {
                    line.append(String.format(Locale.ROOT, " %s <= %s", q == 1.0 ? "max" : "p" + (int) (q * 100),
                            entry.getKey().isInfinite() ? "inf" : (entry.getKey() * 1000) + " ms"));
                    break;
                }
            }
        }
        return line.append("\n").toString();
    }

    static final Pattern NMT_CATEGORY = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB(?: [+-]\\d+KB)?, "
            + "committed=\\d+KB(?: ([+-]\\d+)KB)?\\)");

    /**
     * Where the server's memory grew from idle to loaded, by the JVM's Native Memory Tracking (when the server runs
     * with {@code -XX:NativeMemoryTracking=summary}, e.g. through BENCH_JAVA_OPTS): the committed growth of each
     * category per call (or leg), largest first, and the RSS growth NMT does not see (memory that native libraries
     * allocate themselves). Committed is not resident: heap the GC committed but has not touched yet is not in RSS.
     * Kernel memory (socket buffers) is in neither.
     */
    static String nativeMemory(String diff, long rssGrowthKiB, int per) {
        List<Map.Entry<String, Long>> growth = new ArrayList<>();
        long total = 0;
        Matcher m = NMT_CATEGORY.matcher(diff);
        while (m.find()) {
            long kib = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            total += kib;
            if (kib != 0) {
                growth.add(Map.entry(m.group(1), kib));
            }
        }
        growth.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "native memory  committed growth idle -> "
                + "loaded by NMT, per call (leg): %.1f KiB in all", total / (double) Math.max(1, per)));
        for (Map.Entry<String, Long> category : growth.subList(0, Math.min(8, growth.size()))) {
            line.append(String.format(Locale.ROOT, "; %s %.1f", category.getKey(),
                    category.getValue() / (double) Math.max(1, per)));
        }
        return line.append(String.format(Locale.ROOT, " | RSS growth %.1f KiB per call (leg)%n",
                rssGrowthKiB / (double) Math.max(1, per))).toString();
    }

    /** The report's line of the pacers' late slots: in the window, and over the ramp and the window. */
    static String lateness(long[] atStart, long[] atWindow, long[] atEnd) {
        StringBuilder window = new StringBuilder();
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < LATE_OVER.length; i++) {
            String over = (i == 0 ? "" : ", ") + ">" + (int) (Double.parseDouble(LATE_OVER[i]) * 1000) + " ms ";
            window.append(over).append(atWindow[i] < 0 ? "n/a" : String.valueOf(atEnd[i] - atWindow[i]));
            whole.append(over).append(atStart[i] < 0 ? "n/a" : String.valueOf(atEnd[i] - atStart[i]));
        }
        return String.format(Locale.ROOT, "pacer late     slots (2 ms, a tenth of the streams each) whose packets left "
                + "late, by the server's /metrics: window %s; ramp and window %s%n", window, whole);
    }

    /** Which receiver measured, and when a packet's time was taken: by the kernel, or when the Java sink read it. */
    static String receiver(Map<String, String> rtp) {
        String receiver = rtp.getOrDefault("receiver", "");
        String drops = rtp.containsKey("capture_drops") ? ", " + rtp.get("capture_drops") + " packets the capture ring "
                + "could not take in the window (counted as lost: the receiver's, not the server's)" : "";
        return (receiver.equals("kernel-timestamps-send") ? "rtp_sink.c (kernel timestamps as each packet is sent"
                : receiver.equals("kernel-timestamps-receive") ? "rtp_sink.c (kernel timestamps as each packet is "
                + "delivered" : "RtpSink.java (arrival = when it read the packet") + drops + ")";
    }

    static String verdict(boolean ok) {
        return ok ? "(ok)" : "(MISSED)";
    }

    static double pct(long[] nanos, double q) {
        long[] v = Arrays.stream(nanos).filter(x -> x > 0).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1));
        return v[index] / 1e6;
    }

    static long num(Map<String, String> m, String key) {
        try {
            return Long.parseLong(m.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double dbl(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s.replace(">", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static Map<String, String> parse(String keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : keyValues.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- helpers

    /** One datagram command to the sink; three tries, 3 s each. */
    static String ask(DatagramChannel sink, String command) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(8192);
        for (int attempt = 0; attempt < 3; attempt++) {
            // a late answer to an earlier command (a receiver starved of CPU answers after the timeout, and the
            // command was sent again) must not be taken for this one's
            boolean blocking = sink.isBlocking();
            sink.configureBlocking(false);
            while (sink.read(in.clear()) > 0) {
                log("RtpSink answered late: " + new String(in.array(), 0, Math.min(in.position(), 60),
                        StandardCharsets.US_ASCII).replace('\n', ' '));
            }
            sink.configureBlocking(blocking);
            sink.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.US_ASCII)));
            sink.socket().setSoTimeout(3000);
            try {
                java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[8192], 8192);
                sink.socket().receive(p);
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException e) {
                // retry
            }
        }
        throw new IOException("RtpSink did not answer " + command);
    }

    void waitUntil(String what, long deadline, BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                problem("timed out waiting until " + what + " (connected " + connected.get() + ", disconnected "
                        + disconnected.get() + ", creates answered " + createAnswered.get() + ")");
                return;
            }
            Thread.sleep(50);
        }
    }

    static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    void problem(String text) {
        problems.add(text);
        if (problems.size() <= 20) {
            log("problem: " + text);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    static void log(String text) {
        System.err.println(String.format(Locale.ROOT, "%tT LoadDriver: %s", System.currentTimeMillis(), text));
    }
}
