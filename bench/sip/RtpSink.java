import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * RTP receiver of the SIP playback benchmark (a single-file program: {@code java bench/sip/RtpSink.java ...}).
 *
 * <p>Binds UDP {@code host:base+step*k} for k = 1..count (the ports SIPp writes into its SDP as
 * {@code [auto_media_port+4]}), spreads them over a few threads, each with one {@link Selector}, and records per
 * stream: packets, inter-arrival times in a preallocated histogram of 0.1 ms buckets, sequence gaps (loss), sequence
 * steps backwards (late/duplicate) and RTP timestamp jumps beyond one 20 ms frame (frames the sender skipped).
 * Nothing is allocated per packet.
 *
 * <p>Controlled by text datagrams on {@code host:controlPort}, answered to the sender:
 * {@code STATUS} → {@code active=<streams with a packet in the last 200 ms> bound=<n>};
 * {@code START} → starts a measurement window (stats reset; arrival state kept, so the first interval counts);
 * {@code STOP} → ends it and answers the summary as {@code key=value} lines, with {@code whole_*} figures over the
 * whole run (every interval from the first packet until STOP, the ramp of set-ups included); {@code RESET} → forgets
 * the whole-run figures so far (after a warm-up run); {@code QUIT} → exits.
 * Exits by itself after {@code maxSeconds}.
 *
 * <p>Usage: {@code RtpSink host base step count controlPort threads maxSeconds}; {@code base} and {@code count} may
 * be comma-separated lists (one per SIPp instance: {@code host:base_j+step*k} for k = 1..count_j).
 */
public final class RtpSink {

    static final int BUCKET_MICROS = 100;
    static final int BUCKETS = 3000;           // 0..300 ms; longer intervals go to the overflow bucket (max is exact)
    static final int FRAME_TS = 160;           // 20 ms of 8 kHz audio

    final int streams;
    final int[] ports;
    // per-stream state, struct of arrays; each index is written by exactly one worker thread
    final long[] lastArrival;
    final int[] lastSeq;
    final int[] lastTs;
    final int[] ssrc;
    final boolean[] seen;
    final long[] packets;      // in the window
    final long[] lost;         // sequence gaps in the window
    final long[] late;         // sequence went backwards (reordered or duplicated)
    final long[] skippedTs;    // frames missing by timestamp (sender skipped ticks) in the window
    final long[] maxIat;       // nanoseconds
    final long[] overflow;     // intervals beyond the histogram
    final int[][] histogram;   // [stream][bucket]
    final long[] totalPackets; // since start, all phases

    volatile int phase;        // 0 before the window, 1 recording, 2 after; 3 only to reset the whole-run figures
    volatile long windowStart;
    volatile long windowEnd;
    final AtomicIntegerArray acked;
    final List<Worker> workers = new ArrayList<>();

    RtpSink(int[] ports, int threads) {
        this.streams = ports.length;
        this.ports = ports;
        lastArrival = new long[streams];
        lastSeq = new int[streams];
        lastTs = new int[streams];
        ssrc = new int[streams];
        seen = new boolean[streams];
        packets = new long[streams];
        lost = new long[streams];
        late = new long[streams];
        skippedTs = new long[streams];
        maxIat = new long[streams];
        overflow = new long[streams];
        histogram = new int[streams][BUCKETS];
        totalPackets = new long[streams];
        acked = new AtomicIntegerArray(threads);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: RtpSink host base step count controlPort threads maxSeconds");
            System.exit(2);
        }
        String host = args[0];
        // one base and count per SIPp instance (comma-separated, in the same order)
        String[] bases = args[1].split(",");
        int step = Integer.parseInt(args[2]);
        String[] counts = args[3].split(",");
        if (bases.length != counts.length) {
            System.err.println("RtpSink: " + bases.length + " bases but " + counts.length + " counts");
            System.exit(2);
        }
        int controlPort = Integer.parseInt(args[4]);
        int threads = Math.max(1, Integer.parseInt(args[5]));
        long maxSeconds = Long.parseLong(args[6]);
        List<Integer> bound = new ArrayList<>();
        for (int j = 0; j < bases.length; j++) {
            int base = Integer.parseInt(bases[j]);
            for (int k = 0; k < Integer.parseInt(counts[j]); k++) {
                bound.add(base + step * (k + 1));
            }
        }
        int count = bound.size();
        int[] ports = bound.stream().mapToInt(Integer::intValue).toArray();
        RtpSink sink = new RtpSink(ports, threads);
        sink.bind(host, threads);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("RtpSink: maxSeconds " + maxSeconds + " reached, exiting");
            System.exit(3);
        }, "rtp-sink-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        for (Worker w : sink.workers) {
            w.start();
        }
        System.out.println("RtpSink: " + count + " ports " + ports[0] + ".." + ports[count - 1] + " step " + step
                + " (" + bases.length + " range(s)) on " + host + ", " + threads + " threads, control udp "
                + controlPort);
        sink.control(host, controlPort);
        System.exit(0);
    }

    void bind(String host, int threads) throws IOException {
        for (int t = 0; t < threads; t++) {
            workers.add(new Worker(t, Selector.open()));
        }
        for (int i = 0; i < streams; i++) {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
            try {
                channel.bind(new InetSocketAddress(host, ports[i]));
            } catch (IOException e) {
                throw new IOException("cannot bind udp " + host + ":" + ports[i] + " (" + e.getMessage() + ")", e);
            }
            channel.configureBlocking(false);
            Worker w = workers.get(i % threads);
            channel.register(w.selector, SelectionKey.OP_READ, new int[] {i});
        }
    }

    /** One selector thread; owns the streams registered with its selector. */
    final class Worker extends Thread {
        final int index;
        final Selector selector;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        final Consumer<SelectionKey> onReady = this::drain;
        // the whole run (from the first packet until STOP: the ramp included), over this worker's streams
        final long[] wholeHistogram = new long[BUCKETS];
        long wholeOverflow;
        long wholeMax;
        long wholeLost;
        int myPhase;

        Worker(int index, Selector selector) {
            super("rtp-sink-" + index);
            setDaemon(true);
            this.index = index;
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    int wanted = phase;
                    if (wanted != myPhase) {
                        if (wanted == 1) {
                            resetMine();
                        } else if (wanted == 3) {
                            resetWhole();
                        }
                        myPhase = wanted;
                        acked.set(index, wanted);
                    }
                    selector.select(onReady, 100);
                }
            } catch (IOException e) {
                System.err.println("RtpSink worker " + index + ": " + e);
            }
        }

        void resetWhole() {
            java.util.Arrays.fill(wholeHistogram, 0);
            wholeOverflow = 0;
            wholeMax = 0;
            wholeLost = 0;
        }

        void resetMine() {
            for (int i = index; i < streams; i += workers.size()) {
                packets[i] = 0;
                lost[i] = 0;
                late[i] = 0;
                skippedTs[i] = 0;
                maxIat[i] = 0;
                overflow[i] = 0;
                java.util.Arrays.fill(histogram[i], 0);
            }
        }

        void drain(SelectionKey key) {
            DatagramChannel channel = (DatagramChannel) key.channel();
            int stream = ((int[]) key.attachment())[0];
            try {
                while (true) {
                    buffer.clear();
                    SocketAddress from = channel.receive(buffer);
                    if (from == null) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (buffer.position() >= 12 && (buffer.get(0) & 0xC0) == 0x80) {
                        packet(stream, now, buffer.getShort(2) & 0xFFFF, buffer.getInt(4), buffer.getInt(8));
                    }
                }
            } catch (IOException e) {
                System.err.println("RtpSink receive on port " + ports[stream] + ": " + e);
                key.cancel();
            }
        }

        void packet(int i, long now, int seq, int ts, int packetSsrc) {
            totalPackets[i]++;
            boolean record = myPhase == 1;
            if (!seen[i] || packetSsrc != ssrc[i]) {
                // first packet, or a new source: no interval or gap to measure against
                seen[i] = true;
                ssrc[i] = packetSsrc;
                lastArrival[i] = now;
                lastSeq[i] = seq;
                lastTs[i] = ts;
                if (record) {
                    packets[i]++;
                }
                return;
            }
            int delta = (seq - lastSeq[i]) & 0xFFFF;
            if (delta == 0 || delta >= 0x8000) {
                if (record) {
                    late[i]++;  // duplicate or reordered: not an arrival of the next frame
                }
                return;
            }
            long iat = now - lastArrival[i];
            int tsFrames = (ts - lastTs[i]) / FRAME_TS;
            lastArrival[i] = now;
            lastSeq[i] = seq;
            lastTs[i] = ts;
            if (myPhase != 2) {
                wholeLost += delta - 1;
                wholeMax = Math.max(wholeMax, iat);
                long bucket = iat / (BUCKET_MICROS * 1000L);
                if (bucket < BUCKETS) {
                    wholeHistogram[(int) bucket]++;
                } else {
                    wholeOverflow++;
                }
            }
            if (!record) {
                return;
            }
            packets[i]++;
            lost[i] += delta - 1;
            if (tsFrames > delta) {
                skippedTs[i] += tsFrames - delta;
            }
            if (iat > maxIat[i]) {
                maxIat[i] = iat;
            }
            long bucket = iat / (BUCKET_MICROS * 1000L);
            if (bucket < BUCKETS) {
                histogram[i][(int) bucket]++;
            } else {
                overflow[i]++;
            }
        }
    }

    void control(String host, int port) throws Exception {
        try (DatagramChannel control = DatagramChannel.open(StandardProtocolFamily.INET)) {
            control.bind(new InetSocketAddress(host, port));
            ByteBuffer in = ByteBuffer.allocate(512);
            while (true) {
                in.clear();
                SocketAddress from = control.receive(in);
                in.flip();
                String command = StandardCharsets.US_ASCII.decode(in).toString().trim();
                String reply;
                switch (command) {
                    case "STATUS" -> reply = status();
                    case "START" -> {
                        windowStart = System.nanoTime();
                        switchPhase(1);
                        reply = "OK";
                    }
                    case "STOP" -> {
                        windowEnd = System.nanoTime();
                        switchPhase(2);
                        reply = summary();
                    }
                    case "RESET" -> {
                        switchPhase(3); // the workers forget the whole-run figures so far (a warm-up's)
                        switchPhase(0);
                        reply = "OK";
                    }
                    case "QUIT" -> {
                        control.send(ByteBuffer.wrap("BYE".getBytes(StandardCharsets.US_ASCII)), from);
                        return;
                    }
                    default -> reply = "ERROR unknown command " + command;
                }
                control.send(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)), from);
            }
        }
    }

    void switchPhase(int wanted) throws InterruptedException {
        phase = wanted;
        for (Worker w : workers) {
            w.selector.wakeup();
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (int t = 0; t < workers.size(); t++) {
            while (acked.get(t) != wanted) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("worker " + t + " did not switch to phase " + wanted);
                }
                Thread.sleep(1);
            }
        }
    }

    String status() {
        long now = System.nanoTime();
        int active = 0;
        long total = 0;
        for (int i = 0; i < streams; i++) {
            total += totalPackets[i];  // racy read, good enough for progress
            if (seen[i] && now - lastArrival[i] < 200_000_000L) {
                active++;
            }
        }
        return "active=" + active + " bound=" + streams + " packets=" + total;
    }

    /** Summary of the window over all streams; read after every worker acknowledged the stop. */
    String summary() {
        long[] merged = new long[BUCKETS];
        long intervals = 0;
        long over = 0;
        long received = 0;
        long gaps = 0;
        long lateTotal = 0;
        long skipped = 0;
        long max = 0;
        int silent = 0;
        int withPackets = 0;
        int streamsMaxOver100 = 0;
        for (int i = 0; i < streams; i++) {
            received += packets[i];
            gaps += lost[i];
            lateTotal += late[i];
            skipped += skippedTs[i];
            over += overflow[i];
            if (packets[i] == 0) {
                if (seen[i]) {
                    silent++;
                }
                continue;
            }
            withPackets++;
            max = Math.max(max, maxIat[i]);
            if (maxIat[i] > 100_000_000L) {
                streamsMaxOver100++;
            }
            int[] h = histogram[i];
            for (int b = 0; b < BUCKETS; b++) {
                merged[b] += h[b];
                intervals += h[b];
            }
        }
        intervals += over;
        long outside = over;
        long inside = 0;
        for (int b = 0; b < BUCKETS; b++) {
            // bucket b covers [b*0.1 ms, (b+1)*0.1 ms); 20±2 ms = buckets 180..219
            if (b >= 180 && b < 220) {
                inside += merged[b];
            } else {
                outside += merged[b];
            }
        }
        double seconds = (windowEnd - windowStart) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append("window_s=").append(String.format(Locale.ROOT, "%.2f", seconds)).append('\n');
        sb.append("streams_bound=").append(streams).append('\n');
        sb.append("streams_with_packets=").append(withPackets).append('\n');
        sb.append("streams_seen_but_silent=").append(silent).append('\n');
        sb.append("streams_max_over_100ms=").append(streamsMaxOver100).append('\n');
        sb.append("packets=").append(received).append('\n');
        sb.append("intervals=").append(intervals).append('\n');
        sb.append("seq_lost=").append(gaps).append('\n');
        sb.append("late_or_dup=").append(lateTotal).append('\n');
        sb.append("ts_skipped_frames=").append(skipped).append('\n');
        sb.append("iat_p50_ms=").append(percentile(merged, over, intervals, 0.50)).append('\n');
        sb.append("iat_p99_ms=").append(percentile(merged, over, intervals, 0.99)).append('\n');
        sb.append("iat_p999_ms=").append(percentile(merged, over, intervals, 0.999)).append('\n');
        sb.append("iat_max_ms=").append(String.format(Locale.ROOT, "%.1f", max / 1e6)).append('\n');
        sb.append("iat_outside_20pm2=").append(outside).append('\n');
        sb.append("iat_inside_20pm2=").append(inside).append('\n');
        long[] whole = new long[BUCKETS];
        long wholeOver = 0;
        long wholeIntervals = 0;
        long wholeMax = 0;
        long wholeLost = 0;
        for (Worker w : workers) {
            for (int b = 0; b < BUCKETS; b++) {
                whole[b] += w.wholeHistogram[b];
                wholeIntervals += w.wholeHistogram[b];
            }
            wholeOver += w.wholeOverflow;
            wholeIntervals += w.wholeOverflow;
            wholeMax = Math.max(wholeMax, w.wholeMax);
            wholeLost += w.wholeLost;
        }
        sb.append("whole_intervals=").append(wholeIntervals).append('\n');
        sb.append("whole_seq_lost=").append(wholeLost).append('\n');
        sb.append("whole_iat_p99_ms=").append(percentile(whole, wholeOver, wholeIntervals, 0.99)).append('\n');
        sb.append("whole_iat_p999_ms=").append(percentile(whole, wholeOver, wholeIntervals, 0.999)).append('\n');
        sb.append("whole_iat_max_ms=").append(String.format(Locale.ROOT, "%.1f", wholeMax / 1e6)).append('\n');
        return sb.toString();
    }

    /** Upper edge of the bucket holding the q-quantile, in ms; "&gt;300" when it lies in the overflow. */
    static String percentile(long[] merged, long over, long total, double q) {
        if (total == 0) {
            return "n/a";
        }
        long rank = (long) Math.ceil(q * total);
        long cumulative = 0;
        for (int b = 0; b < merged.length; b++) {
            cumulative += merged[b];
            if (cumulative >= rank) {
                return String.format(Locale.ROOT, "%.1f", (b + 1) * BUCKET_MICROS / 1000.0);
            }
        }
        return ">" + (BUCKETS * BUCKET_MICROS / 1000);
    }
}
