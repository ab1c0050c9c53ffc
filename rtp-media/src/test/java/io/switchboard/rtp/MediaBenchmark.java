package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark, not a test: N sessions each loop a clip to their own UDP receiver in this process; prints the
 * inter-arrival distribution, loss, and the pacers' CPU time and allocation. Run {@code bench/media/run.sh}.
 * Arguments: sessions (1000), seconds measured (20), pacer threads (2), receiver threads (1), recording (none, mixed
 * or unmixed: every session recorded into a WAV file of its own in a temporary directory, deleted afterwards; the
 * writer thread's CPU and the bytes written are printed too).
 */
public final class MediaBenchmark {

    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 20_000; // up to 200 ms

    /** Per-receiver-thread statistics; one stream per channel, attached to its key. */
    private static final class Stream {
        long lastArrival;
        int firstSeq = -1;
        long lastExtSeq;
        long received;
    }

    static final class Receiver extends Thread {
        final Selector selector = Selector.open();
        final long[] histogram = new long[BUCKETS + 1];
        final List<Stream> streams = new ArrayList<>();
        final List<DatagramChannel> channels = new ArrayList<>();
        final ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        /** 0 warm-up, 1 measuring, 2 done: only packets of phase 1 count. */
        volatile int phase;
        volatile boolean running = true;
        long max;

        Receiver(int index) throws java.io.IOException {
            super("bench-receiver-" + index);
            setDaemon(true);
        }

        InetSocketAddress add() throws java.io.IOException {
            DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 256 * 1024);
            channel.configureBlocking(false);
            Stream stream = new Stream();
            streams.add(stream);
            channel.register(selector, SelectionKey.OP_READ, stream);
            channels.add(channel);
            return (InetSocketAddress) channel.getLocalAddress();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((DatagramChannel) key.channel(), (Stream) key.attachment());
                    }
                    selector.selectedKeys().clear();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void read(DatagramChannel channel, Stream stream) throws java.io.IOException {
            while (true) {
                buf.clear();
                if (channel.receive(buf) == null) {
                    return;
                }
                long now = System.nanoTime();
                if (phase != 1) {
                    continue;
                }
                int seq = buf.getShort(2) & 0xFFFF;
                if (stream.firstSeq < 0) {
                    stream.firstSeq = seq;
                    stream.lastExtSeq = seq;
                } else {
                    long delta = (seq - stream.lastExtSeq) & 0xFFFF;
                    stream.lastExtSeq += delta < 0x8000 ? delta : delta - 0x10000;
                    long micros = (now - stream.lastArrival) / 1000;
                    histogram[(int) Math.min(BUCKETS, micros / BUCKET_MICROS)]++;
                    max = Math.max(max, micros);
                }
                stream.lastArrival = now;
                stream.received++;
            }
        }
    }

    private MediaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int pacers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int receiverThreads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String recording = args.length > 4 ? args[4] : "none";
        Path recordings = Files.createTempDirectory("switchboard-bench-recordings");
        List<MediaRecorder> recorders = new ArrayList<>();

        Receiver[] receivers = new Receiver[receiverThreads];
        for (int i = 0; i < receiverThreads; i++) {
            receivers[i] = new Receiver(i);
        }
        short[] pcm = new short[8000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        AudioClip clip = new AudioClip("bench-440hz", pcm);
        MediaConfig config = new MediaConfig("127.0.0.1", 30000, 39999, pacers, Duration.ofSeconds(600));
        try (MediaEngine engine = MediaEngine.start(config)) {
            MediaListener quiet = new MediaListener() {
                @Override public void playbackFinished(MediaOperationId playbackId) { }
                @Override public void toneReceived(Tone tone) { }
                @Override public void mediaTimeout() { }
            };
            for (int i = 0; i < sessions; i++) {
                MediaSession session = engine.open(quiet);
                session.play(MediaOperationId.of("music"), clip, true);
                session.start(receivers[i % receiverThreads].add(), 0, 101);
                if (!recording.equals("none")) {
                    boolean mixed = recording.equals("mixed");
                    MediaRecorder recorder = engine.openRecorder(recordings.resolve(i + ".wav"), mixed ? 1 : 5, false);
                    session.record(recorder.tap(0), recorder.tap(mixed ? 0 : 4));
                    recorders.add(recorder);
                }
            }
            for (Receiver receiver : receivers) {
                receiver.start();
            }
            long started = System.nanoTime();
            measure(engine, receivers, sessions, seconds, pacers);
            for (Receiver receiver : receivers) {
                receiver.running = false;
            }
            reportRecordings(recorders, started);
        } finally {
            try (var files = Files.list(recordings)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(recordings);
        }
    }

    /** Closes the recordings and prints what they wrote, per recorded call-second. */
    private static void reportRecordings(List<MediaRecorder> recorders, long startedNanos) throws Exception {
        if (recorders.isEmpty()) {
            return;
        }
        long bytes = 0;
        long frames = 0;
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        recorders.forEach(MediaRecorder::close);
        for (MediaRecorder recorder : recorders) {
            MediaRecorder.RecordedAudio audio = recorder.finished().toCompletableFuture().get(30, TimeUnit.SECONDS);
            bytes += audio.bytes();
            frames += audio.frames();
        }
        System.out.printf("recordings: %d files, %.1f s of audio each on average over %.1f s; disk: %.0f bytes per "
                        + "recorded call-second, %.2f MB/s in all%n", recorders.size(),
                frames * 0.02 / recorders.size(), seconds, bytes / (frames * 0.02), bytes / seconds / 1e6);
    }

    static List<Long> pacerThreadIds() {
        return threadIds("rtp-pacer-");
    }

    private static List<Long> threadIds(String prefix) {
        List<Long> ids = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                ids.add(thread.getId());
            }
        }
        return ids;
    }


    /**
     * Warms up for 3 s, then measures the receivers, the pacers' CPU and allocation and the process CPU over
     * {@code seconds}, and prints the report.
     */
    static void measure(MediaEngine engine, Receiver[] receivers, int streams, int seconds, int pacers)
            throws InterruptedException {
        Thread.sleep(3000); // warm-up: JIT, socket buffers, jitter buffers
        List<Long> pacerIds = pacerThreadIds();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Long> writerIds = threadIds("rtp-recorder");
        long writer0 = writerIds.stream().mapToLong(threads::getThreadCpuTime).sum();
        long cpu0 = pacerIds.stream().mapToLong(threads::getThreadCpuTime).sum();
        long alloc0 = pacerIds.stream().mapToLong(threads::getThreadAllocatedBytes).sum();
        long processCpu0 = os.getProcessCpuTime();
        long skipped0 = engine.skippedTicks();
        for (Receiver receiver : receivers) {
            receiver.phase = 1;
        }
        Thread.sleep(seconds * 1000L); // the measurement window, not a wait for a condition
        for (Receiver receiver : receivers) {
            receiver.phase = 2;
        }
        long cpu = pacerIds.stream().mapToLong(threads::getThreadCpuTime).sum() - cpu0;
        long alloc = pacerIds.stream().mapToLong(threads::getThreadAllocatedBytes).sum() - alloc0;
        long processCpu = os.getProcessCpuTime() - processCpu0;
        long writerCpu = writerIds.stream().mapToLong(threads::getThreadCpuTime).sum() - writer0;
        report(streams, seconds, pacers, receivers, cpu, alloc, processCpu, engine.skippedTicks() - skipped0);
        if (!writerIds.isEmpty()) {
            System.out.printf("recording writer CPU: %.3f ms per recorded call-second (%.1f%% of one core)%n",
                    writerCpu / 1e6 / ((double) streams * seconds), 100.0 * writerCpu / (seconds * 1e9));
        }
    }

    static void report(int sessions, int seconds, int pacers, Receiver[] receivers, long pacerCpuNanos,
                               long allocBytes, long processCpuNanos, long skippedTicks) {
        long[] histogram = new long[BUCKETS + 1];
        long max = 0;
        long received = 0;
        long expected = 0;
        for (Receiver receiver : receivers) {
            for (int i = 0; i <= BUCKETS; i++) {
                histogram[i] += receiver.histogram[i];
            }
            max = Math.max(max, receiver.max);
            for (Stream stream : receiver.streams) {
                received += stream.received;
                expected += stream.firstSeq < 0 ? 0 : stream.lastExtSeq - stream.firstSeq + 1;
            }
        }
        long intervals = 0;
        long outside = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            intervals += histogram[i];
            long micros = (long) i * BUCKET_MICROS;
            if (micros < 18_000 || micros >= 22_000) {
                outside += histogram[i];
            }
        }
        double streamSeconds = (double) sessions * seconds;
        System.out.printf("sessions=%d pacers=%d receivers=%d measured=%ds cores=%d load average=%.2f%n", sessions,
                pacers, receivers.length, seconds, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("packets received=%d (%.1f/stream/s) loss=%.4f%% skippedTicks=%d%n", received,
                received / streamSeconds, expected == 0 ? 0 : 100.0 * (expected - received) / expected, skippedTicks);
        System.out.printf("inter-arrival ms: p50=%.2f p99=%.2f p99.9=%.2f max=%.2f; outside 20+-2 ms: %.3f%%%n",
                percentile(histogram, intervals, 0.50), percentile(histogram, intervals, 0.99),
                percentile(histogram, intervals, 0.999), max / 1000.0, 100.0 * outside / Math.max(1, intervals));
        System.out.printf("pacer CPU: %.3f ms per stream-second (%.2f us/packet, %.1f%% of one core); "
                        + "process CPU incl. receivers: %.1f%% of one core%n",
                pacerCpuNanos / 1e6 / streamSeconds, pacerCpuNanos / 1e3 / Math.max(1, received),
                100.0 * pacerCpuNanos / (seconds * 1e9), 100.0 * processCpuNanos / (seconds * 1e9));
        System.out.printf("pacer allocation: %d bytes in %ds (%.3f bytes/packet)%n", allocBytes, seconds,
                (double) allocBytes / Math.max(1, received));
    }

    private static double percentile(long[] histogram, long total, double q) {
        long target = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= target) {
                return (i * BUCKET_MICROS + BUCKET_MICROS / 2.0) / 1000.0;
            }
        }
        return Double.NaN;
    }
}
