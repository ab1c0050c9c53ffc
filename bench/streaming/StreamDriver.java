import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Driver of the media streaming benchmark (a single-file program run with the server jar on its class path, for
 * Vert.x: {@code java -cp switchboard.jar bench/streaming/StreamDriver.java ...}).
 *
 * <p>It is the voice agent of every call: a WebSocket server ({@code /c/<i>}) receiving each call's stream. It
 * creates {@code --calls} calls streaming unmixed 16 kHz audio out, then {@code --bidirectional} more whose agent
 * talks back: a 20 ms frame of a 1 kHz burst once a second (call j at its own phase), nothing in between, so that
 * what is measured is the latency of a frame arriving at an idle stream, not a queue the agent keeps full.
 * The callees are SIPp calls answered with no RTP of their own; the RTP the server sends to the first ones is
 * measured by RtpSink, that of the bidirectional ones by this program, which binds their ports and echoes each packet
 * back to the server, so that the burst comes back as the callee's audio. It thereby measures, per burst:
 * app frame in (WebSocket) → RTP out, and RTP in → WebSocket frame out. A calibration first learns which RTP port
 * is which call (one burst at a time). Then a window of {@code --seconds}: frames per stream, the RTP quality of
 * every call, the server's CPU. Prints the report and writes it to {@code --report}.
 */
public final class StreamDriver {

    static final DateTimeFormatter RFC1123 = DateTimeFormatter.RFC_1123_DATE_TIME;
    static final String VERSION = "?api-version=2025-05-15";
    static final int BUCKETS = 3000; // 0.1 ms each, 0..300 ms

    final Map<String, String> opts;
    final String api;
    final byte[] key;
    final String host;
    final int calls;
    final int bidirectional;
    final int total;
    final HttpClient http = HttpClient.newHttpClient();
    final Vertx vertx = Vertx.vertx();
    final ServerWebSocket[] sockets;
    final AtomicLongArray frames;          // AudioData per stream, in the window
    final AtomicLongArray framesTotal;     // since connected
    final String[] callIds;
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();
    // bidirectional calls, j = 0..bidirectional-1
    final long[] burstSent;                // when call j's last burst was sent
    final long[] echoSeen;                 // when call j's last burst came through its RTP port (and was echoed)
    final long[] wsSeen;                   // when call j's last burst came back on its stream
    final Map<Integer, Integer> portCall = new ConcurrentHashMap<>();
    final List<Double> appToRtp = new CopyOnWriteArrayList<>();
    final List<Double> rtpToWs = new CopyOnWriteArrayList<>();
    final long[] iat = new long[BUCKETS + 1];
    long iatMax;
    long rtpPackets;
    long rtpLost;
    volatile int calibrating = -1;
    volatile boolean calibrated;
    volatile boolean measuring;
    volatile boolean running = true;

    StreamDriver(Map<String, String> opts) {
        this.opts = opts;
        this.api = opts.get("api");
        this.key = Base64.getDecoder().decode(System.getenv("BENCH_ACCESS_KEY"));
        this.host = URI.create(api).getAuthority();
        this.calls = Integer.parseInt(opts.get("calls"));
        this.bidirectional = Integer.parseInt(opts.get("bidirectional"));
        this.total = calls + bidirectional;
        this.sockets = new ServerWebSocket[total];
        this.frames = new AtomicLongArray(total);
        this.framesTotal = new AtomicLongArray(total);
        this.callIds = new String[total];
        this.burstSent = new long[bidirectional];
        this.echoSeen = new long[bidirectional];
        this.wsSeen = new long[bidirectional];
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        StreamDriver driver = new StreamDriver(opts);
        int rc = driver.run();
        System.exit(rc);
    }

    int run() throws Exception {
        int agentPort = Integer.parseInt(opts.get("agent-port"));
        int callbackPort = Integer.parseInt(opts.get("callback-port"));
        vertx.createHttpServer().webSocketHandler(this::agent).listen(agentPort, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String text = body.toString();
            if (text.contains("MediaStreamingStarted")) {
                started.incrementAndGet();
            }
            if (text.contains("MediaStreamingFailed")) {
                failed.incrementAndGet();
                problem("MediaStreamingFailed: " + abbreviate(text));
            }
            request.response().setStatusCode(200).end();
        })).listen(callbackPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread echo = new Thread(this::echoLoop, "rtp-echo");
        echo.setDaemon(true);
        echo.start();
        Thread talker = new Thread(this::talkLoop, "agent-talker");
        talker.setDaemon(true);
        talker.start();

        int rate = Integer.parseInt(opts.get("rate"));
        createCalls(0, calls, rate, false);
        awaitConnected(calls, Duration.ofSeconds(60 + calls / rate));
        createCalls(calls, total, rate, true);
        awaitConnected(total, Duration.ofSeconds(60 + bidirectional / rate));
        calibrate();

        int seconds = Integer.parseInt(opts.get("seconds"));
        try (DatagramChannel sink = DatagramChannel.open()) {
            sink.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(opts.get("sink-port"))));
            long serverPid = Long.parseLong(opts.get("server-pid"));
            ask(sink, "START");
            for (int i = 0; i < total; i++) {
                frames.set(i, 0);
            }
            synchronized (iat) {
                Arrays.fill(iat, 0);
                iatMax = 0;
                rtpPackets = 0;
                rtpLost = 0;
            }
            long cpuStart = cpuTicks(serverPid);
            long windowStart = System.nanoTime();
            measuring = true;
            Thread.sleep(seconds * 1000L);
            measuring = false;
            double window = (System.nanoTime() - windowStart) / 1e9;
            long cpu = cpuTicks(serverPid) - cpuStart;
            String rtp = ask(sink, "STOP");
            long rss = rssKiB(serverPid);
            String report = report(window, cpu, rtp, rss);
            System.out.print(report);
            Files.writeString(Path.of(opts.get("report")), report);
        }
        hangUp();
        Thread.sleep(3000); // the hang-ups' callbacks
        running = false;
        vertx.close();
        return problems.isEmpty() ? 0 : 1;
    }

    // ---------------------------------------------------------------- the agent

    void agent(ServerWebSocket socket) {
        int index;
        try {
            index = Integer.parseInt(socket.path().substring("/c/".length()));
        } catch (RuntimeException e) {
            socket.close();
            return;
        }
        sockets[index] = socket;
        connected.incrementAndGet();
        int j = index - calls;
        socket.textMessageHandler(text -> {
            if (!text.startsWith("{\"kind\":\"AudioData\"")) {
                return;
            }
            framesTotal.incrementAndGet(index);
            if (measuring) {
                frames.incrementAndGet(index);
            }
            if (j >= 0 && text.contains("\"silent\":false")) {
                int at = text.indexOf("\"data\":\"") + 8;
                short[] pcm = pcm(text.substring(at, text.indexOf('"', at)));
                long now = System.nanoTime();
                if (meanAbs(pcm) > 1500 && now - wsSeen[j] > 300_000_000L) {
                    wsSeen[j] = now;
                    long echoed = echoSeen[j];
                    if (measuring && echoed > 0 && now - echoed < 500_000_000L) {
                        rtpToWs.add((now - echoed) / 1e6);
                    }
                }
            }
        });
        socket.closeHandler(ignored -> sockets[index] = null);
    }

    /** Every 20 ms, one frame per bidirectional call: silence, or its burst. */
    void talkLoop() {
        short[] loud = new short[320];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (short) (12000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        String burst = message(loud);
        long next = System.nanoTime();
        long tick = 0;
        while (running) {
            next += 20_000_000L;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            tick++;
            for (int j = 0; j < bidirectional; j++) {
                ServerWebSocket socket = sockets[calls + j];
                if (socket == null) {
                    continue;
                }
                boolean loudNow = calibrating == j || measuring && tick % 50 == j % 50;
                if (loudNow) {
                    burstSent[j] = System.nanoTime();
                    if (calibrating == j) {
                        calibrating = -2; // one burst per calibration step
                    }
                }
                if (loudNow) {
                    socket.writeTextMessage(burst); // bursts alone: the server's queue is idle between them
                }
            }
        }
    }

    void calibrate() throws InterruptedException {
        for (int j = 0; j < bidirectional; j++) {
            int before = portCall.size();
            calibrating = j;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (portCall.size() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            calibrating = -1;
            Thread.sleep(320); // past the debounce of the port that heard it
            if (portCall.size() == before) {
                problem("calibration: no RTP port heard call " + j + "'s burst");
            }
        }
        calibrated = true;
    }

    // ---------------------------------------------------------------- the callees' RTP ports of bidirectional calls

    /**
     * Binds the RTP ports of the bidirectional calls' callees and echoes every packet to the server, each port after
     * its own fixed delay of 0 to 19 ms: a real caller's packets reach the server at any phase of its 20 ms tick, not
     * just after it as an immediate echo would. The burst's RTP-in time is when its echo is sent.
     */
    void echoLoop() {
        int base = Integer.parseInt(opts.get("echo-base"));
        int step = Integer.parseInt(opts.get("echo-step"));
        Map<Integer, long[]> state = new HashMap<>(); // port -> {last arrival, last seq, last burst}
        Map<Integer, Long> phase = new HashMap<>();
        java.util.PriorityQueue<Echo> due = new java.util.PriorityQueue<>();
        java.util.Random random = new java.util.Random(42);
        try (Selector selector = Selector.open()) {
            for (int k = calls + 1; k <= total; k++) {
                DatagramChannel channel = DatagramChannel.open();
                channel.bind(new InetSocketAddress("127.0.0.1", base + step * k));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, base + step * k);
                phase.put(base + step * k, random.nextInt(20) * 1_000_000L);
            }
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            while (running) {
                long wait = due.isEmpty() ? 50 : Math.max(1, (due.peek().at - System.nanoTime()) / 1_000_000);
                selector.select(wait);
                for (SelectionKey selected : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) selected.channel();
                    int port = (Integer) selected.attachment();
                    buffer.clear();
                    var source = channel.receive(buffer);
                    if (source == null) {
                        continue;
                    }
                    long now = System.nanoTime();
                    buffer.flip();
                    byte[] packet = new byte[buffer.remaining()];
                    buffer.get(packet);
                    boolean burst = false;
                    if (packet.length >= 12 + 160 && (packet[1] & 0x7f) == 0) {
                        burst = measure(port, packet, now, state);
                    }
                    due.add(new Echo(now + phase.get(port), channel, packet, source, port, burst));
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                while (!due.isEmpty() && due.peek().at <= now) {
                    Echo echo = due.poll();
                    echo.channel.send(ByteBuffer.wrap(echo.packet), echo.to); // the callee "says" what it heard
                    Integer j = portCall.get(echo.port);
                    if (echo.burst && j != null) {
                        echoSeen[j] = System.nanoTime();
                    }
                }
            }
        } catch (IOException e) {
            problem("echo ports: " + e);
        }
    }

    record Echo(long at, DatagramChannel channel, byte[] packet, java.net.SocketAddress to, int port, boolean burst)
            implements Comparable<Echo> {
        @Override
        public int compareTo(Echo other) {
            return Long.compare(at, other.at);
        }
    }

    /** The packet's timing and loss; whether it carries a burst, learning or timing the call it belongs to. */
    boolean measure(int port, byte[] packet, long now, Map<Integer, long[]> state) {
        long[] s = state.computeIfAbsent(port, p -> new long[] {0, -1, 0});
        int seq = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        if (measuring) {
            synchronized (iat) {
                if (s[0] > 0) {
                    long gap = now - s[0];
                    iat[(int) Math.min(BUCKETS, gap / 100_000)]++;
                    iatMax = Math.max(iatMax, gap);
                }
                if (s[1] >= 0 && ((seq - s[1]) & 0xffff) > 1 && ((seq - s[1]) & 0xffff) < 1000) {
                    rtpLost += ((seq - s[1]) & 0xffff) - 1;
                }
                rtpPackets++;
            }
        }
        s[0] = now;
        s[1] = seq;
        long sum = 0;
        for (int i = 12; i < 172; i++) {
            sum += Math.abs(ulaw(packet[i]));
        }
        if (sum / 160 <= 1500 || now - s[2] <= 300_000_000L) {
            return false;
        }
        s[2] = now;
        Integer j = portCall.get(port);
        if (j == null && !calibrated && calibrating == -2) {
            for (int c = 0; c < bidirectional; c++) {
                if (burstSent[c] > 0 && now - burstSent[c] < 1_000_000_000L && !portCall.containsValue(c)) {
                    portCall.put(port, c);
                    break;
                }
            }
        } else if (j != null && measuring && now - burstSent[j] < 500_000_000L) {
            appToRtp.add((now - burstSent[j]) / 1e6);
        }
        return true;
    }

    // ---------------------------------------------------------------- calls over the GA API

    void createCalls(int from, int to, int rate, boolean talkBack) throws InterruptedException {
        long next = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = from; i < to; i++) {
            next += 1_000_000_000L / rate;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            int index = i;
            String body = """
                    {"targets":[{"kind":"phoneNumber","phoneNumber":{"value":"+1425%07d"}}],
                     "sourceCallerIdNumber":{"value":"+18005550100"},"callbackUri":"http://127.0.0.1:%s/cb",
                     "mediaStreamingOptions":{"transportType":"websocket","transportUrl":"ws://127.0.0.1:%s/c/%d",
                       "contentType":"audio","audioChannelType":"unmixed","startMediaStreaming":true,
                       "enableBidirectional":%s,"audioFormat":"pcm16KMono"}}
                    """.formatted(i, opts.get("callback-port"), opts.get("agent-port"), i, talkBack);
            pending.add(http.sendAsync(signed("POST", "/calling/callConnections" + VERSION, body),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            problem("create #" + index + ": " + (error != null ? error : response.statusCode() + " "
                                    + abbreviate(response.body())));
                            return;
                        }
                        String text = response.body();
                        int at = text.indexOf("\"callConnectionId\":\"") + 20;
                        callIds[index] = text.substring(at, text.indexOf('"', at));
                    }));
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
    }

    void awaitConnected(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (connected.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (connected.get() < count) {
            problem("only " + connected.get() + " of " + count + " streams connected");
        }
    }

    void hangUp() {
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        for (String id : callIds) {
            if (id != null) {
                pending.add(http.sendAsync(signed("DELETE", "/calling/callConnections/" + id + VERSION, null),
                        HttpResponse.BodyHandlers.discarding()));
                LockSupport.parkNanos(2_000_000L);
            }
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
    }

    // ---------------------------------------------------------------- the report

    String report(double window, long cpuTicks, String rtp, long rssKiB) {
        Map<String, String> sink = new HashMap<>();
        for (String line : rtp.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                sink.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        long[] perStream = new long[total];
        for (int i = 0; i < total; i++) {
            perStream[i] = frames.get(i);
        }
        long min = Arrays.stream(perStream).min().orElse(0);
        double mean = Arrays.stream(perStream).average().orElse(0);
        long expected = Math.round(window * 50);
        double cpuMs = cpuTicks * 1000.0 / Long.parseLong(opts.get("clk-tck"));
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "media streaming benchmark %s%n", opts.get("label")));
        r.append(String.format(Locale.ROOT, "calls          %d streaming unmixed 16 kHz out + %d bidirectional, "
                + "%d streams connected, %d MediaStreamingStarted, %d MediaStreamingFailed%n", calls, bidirectional,
                connected.get(), started.get(), failed.get()));
        r.append(String.format(Locale.ROOT, "window         %.1f s%n", window));
        r.append(String.format(Locale.ROOT, "frames out     per stream: min %d, mean %.1f of %d expected (50/s); "
                + "streams below 95%%: %d%n", min, mean, expected,
                Arrays.stream(perStream).filter(n -> n < expected * 0.95).count()));
        r.append(String.format(Locale.ROOT, "RTP to callees streaming out (RtpSink, %s streams): p99 inter-arrival "
                + "%s ms, max %s ms, lost %s, frames skipped %s%n", sink.get("streams_with_packets"),
                sink.get("iat_p99_ms"), sink.get("iat_max_ms"), sink.get("seq_lost"), sink.get("ts_skipped_frames")));
        synchronized (iat) {
            r.append(String.format(Locale.ROOT, "RTP to bidirectional callees (%d packets): p99 inter-arrival %.1f ms, "
                    + "max %.1f ms, lost %d%n", rtpPackets, quantile(iat, 0.99), iatMax / 1e6, rtpLost));
        }
        r.append(String.format(Locale.ROOT, "latency        app frame in -> RTP out: %s%n", summary(appToRtp)));
        r.append(String.format(Locale.ROOT, "latency        RTP in -> WebSocket frame out: %s%n", summary(rtpToWs)));
        r.append(String.format(Locale.ROOT, "server CPU     %.0f ms in the window: %.3f ms per streamed call-second "
                + "(%d calls)%n", cpuMs, cpuMs / (total * window), total));
        r.append(String.format(Locale.ROOT, "server RSS     %d MiB%n", rssKiB / 1024));
        r.append(String.format(Locale.ROOT, "problems       %d%s%n", problems.size(),
                problems.isEmpty() ? "" : ": " + problems.get(0)));
        return r.toString();
    }

    static String summary(List<Double> samples) {
        if (samples.isEmpty()) {
            return "no samples";
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d bursts)",
                sorted[sorted.length / 2], sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))],
                sorted[sorted.length - 1], sorted.length);
    }

    static double quantile(long[] histogram, double q) {
        long all = Arrays.stream(histogram).sum();
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= all * q) {
                return (b + 1) / 10.0;
            }
        }
        return BUCKETS / 10.0;
    }

    // ---------------------------------------------------------------- helpers

    static String message(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\""
                + Base64.getEncoder().encodeToString(bytes.array()) + "\"}}";
    }

    static short[] pcm(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    static long meanAbs(short[] samples) {
        long sum = 0;
        for (short s : samples) {
            sum += Math.abs(s);
        }
        return samples.length == 0 ? 0 : sum / samples.length;
    }

    static int ulaw(byte code) {
        int u = ~code & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    HttpRequest signed(String method, String pathAndQuery, String body) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
            String date = RFC1123.format(ZonedDateTime.now(ZoneOffset.UTC));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal((method + "\n" + pathAndQuery + "\n"
                    + date + ";" + host + ";" + hash).getBytes(StandardCharsets.UTF_8)));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + pathAndQuery))
                    .timeout(Duration.ofSeconds(30))
                    .header("x-ms-date", date)
                    .header("x-ms-content-sha256", hash)
                    .header("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
                            + "&Signature=" + signature);
            return bytes.length == 0 ? b.method(method, HttpRequest.BodyPublishers.noBody()).build()
                    : b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        } catch (Exception e) {
            throw new IllegalStateException("signing: " + e, e);
        }
    }

    static String ask(DatagramChannel sink, String command) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
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

    long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            problem("reading /proc/" + pid + "/stat: " + e);
            return 0;
        }
    }

    long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            problem("reading /proc/" + pid + "/status: " + e);
        }
        return 0;
    }

    void problem(String text) {
        problems.add(text);
        if (problems.size() <= 10) {
            System.err.println("StreamDriver: problem: " + text);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
