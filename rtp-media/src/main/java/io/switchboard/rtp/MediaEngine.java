package io.switchboard.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The RTP media engine of the SIP adapter: opens {@link MediaSession}s on the even UDP ports of a range and paces
 * all of them on {@link MediaConfig#pacerThreads()} daemon threads (sessions are spread round-robin), every 20 ms on
 * absolute deadlines. Encoded clips are shared between sessions (an LRU cache of 64 MiB).
 *
 * <p>Threading: thread-safe; {@link #open} binds a socket (a short system call, no waiting on the network).
 * {@link #close()} closes every session, completes every recording and stops the threads; it waits for them to stop
 * (up to about 2 s).
 */
public final class MediaEngine implements AutoCloseable {

    /** The lateness thresholds {@link #lateSlots} counts, in milliseconds. */
    public static final List<Integer> LATE_MILLIS = List.of(5, 10, 20, 50);

    private static final System.Logger LOG = System.getLogger(MediaEngine.class.getName());

    private final MediaConfig config;
    private final PortRange ports;
    private final EncodedClipCache cache;
    private final List<Pacer> pacers;
    private final AtomicInteger nextPacer = new AtomicInteger();
    private final AtomicInteger nextMixPacer = new AtomicInteger();
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<MediaMix> mixes = ConcurrentHashMap.newKeySet();
    private final RecordingWriter recordings = new RecordingWriter();
    private final MediaTotals totals = new MediaTotals();
    private volatile boolean closed;

    private MediaEngine(MediaConfig config, EncodedClipCache cache) {
        this.config = config;
        this.ports = new PortRange(config.bindHost(), config.portMin(), config.portMax());
        this.cache = cache;
        Pacer[] created = new Pacer[config.pacerThreads()];
        for (int i = 0; i < created.length; i++) {
            created[i] = new Pacer("rtp-pacer-" + i, config.realtimePacers());
        }
        this.pacers = List.of(created);
    }

    /** Creates the engine and starts its pacer threads. */
    public static MediaEngine start(MediaConfig config) {
        Objects.requireNonNull(config, "config");
        MediaEngine engine = new MediaEngine(config, new EncodedClipCache(EncodedClipCache.DEFAULT_MAX_BYTES));
        Codec.buildTables(); // here, not in the first pacer that decodes what a leg says
        engine.pacers.forEach(Pacer::start);
        LOG.log(System.Logger.Level.INFO, "RTP media engine started: {0}:{1}-{2}, {3} pacer thread(s) {4}",
                config.bindHost(), String.valueOf(config.portMin()), String.valueOf(config.portMax()),
                config.pacerThreads(), engine.pacerPriority());
        return engine;
    }

    /**
     * Opens a session on a free even port of the range. It sends nothing until {@link MediaSession#start}.
     *
     * @param listener receives the session's events on a pacer thread
     * @throws IOException           if every port of the range is in use (message names the range) or binding fails
     * @throws IllegalStateException if the engine is closed
     */
    public MediaSession open(MediaListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        DatagramChannel channel = ports.bind();
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        Pacer pacer = pacers.get(Math.floorMod(nextPacer.getAndIncrement(), pacers.size()));
        RtpStream stream = new RtpStream(channel, port, listener, cache, config.mediaTimeout().toNanos(),
                ThreadLocalRandom.current(), () -> ports.release(port), config.learnSource(), totals);
        MediaSession session = new MediaSession(stream, cache, sessions::remove);
        sessions.add(session);
        if (closed) {
            // close() ran concurrently and may not have seen this session: undo, as its pacer is stopping.
            sessions.remove(session);
            stream.closeChannel();
            throw new IllegalStateException("media engine is closed");
        }
        pacer.execute(() -> pacer.add(stream));
        return session;
    }

    /**
     * Opens a conference mix on one of the pacer threads (round-robin); sessions then {@linkplain MediaSession#join
     * join} it. An empty mix costs nothing per tick; {@link MediaMix#close() close} it when the conference ends.
     *
     * @throws IllegalStateException if the engine is closed
     */
    public MediaMix openMix() {
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        // A counter of their own: sharing the sessions' one put every mix on the same pacer whenever calls opened
        // an even number of sessions each (5 legs + 1 mix), leaving one core to mix everything.
        Pacer pacer = pacers.get(Math.floorMod(nextMixPacer.getAndIncrement(), pacers.size()));
        MediaMix mix = new MediaMix(pacer, mixes::remove);
        mixes.add(mix);
        pacer.execute(() -> pacer.add(mix.mix()));
        return mix;
    }

    /**
     * Starts recording into a new WAV file {@code file} (its directory created if needed; an existing file is not
     * overwritten: the recording then fails, see {@link MediaRecorder#finished()}). Sessions and mixes feed it once
     * given one of its {@linkplain MediaRecorder#tap taps}; {@link MediaRecorder#close() close} it to complete the
     * file.
     *
     * @param channels 1 for a mixed recording, one per source for an unmixed one (at most
     *                 {@link MediaRecorder#MAX_CHANNELS})
     * @param paused   whether it starts paused (nothing written until {@link MediaRecorder#pause resumed})
     * @throws IllegalStateException if the engine is closed
     */
    public MediaRecorder openRecorder(Path file, int channels, boolean paused) {
        MediaRecorder.validate(file, channels);
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        MediaRecorder[] created = new MediaRecorder[1];
        created[0] = new MediaRecorder(file, channels, paused, System.nanoTime(),
                () -> recordings.remove(created[0]));
        recordings.add(created[0]);
        return created[0];
    }

    /**
     * A listener of what {@code session}'s remote party says: {@code frames} gets each 20 ms frame (160 samples,
     * 8 kHz; the array is reused), in order, on the engine's writer thread, until the listener or the session is
     * closed.
     *
     * @throws IllegalStateException if the engine is closed
     */
    public VoiceListener listen(MediaSession session, Consumer<short[]> frames) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(frames, "frames");
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        VoiceListener[] created = new VoiceListener[1];
        created[0] = new VoiceListener(System.nanoTime(), frames, () -> recordings.remove(created[0]));
        recordings.add(created[0]);
        session.listen(created[0]);
        return created[0];
    }

    /** Listeners open. */
    public int activeListeners() {
        return recordings.listening();
    }

    /** Recordings open and not yet completed. */
    public int activeRecordings() {
        return recordings.open();
    }

    /** Sessions opened and not yet closed. */
    public int activeSessions() {
        return sessions.size();
    }

    /** Mixes opened and not yet closed: the calls whose legs hear each other. */
    public int activeMixes() {
        return mixes.size();
    }

    public MediaConfig config() {
        return config;
    }

    /** Closes every session, stops the pacer threads and releases every port; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MediaSession session : sessions) {
            session.close();
        }
        pacers.forEach(Pacer::stop);
        recordings.close();
        LOG.log(System.Logger.Level.INFO, "RTP media engine stopped");
    }

    /** RTP packets dropped since start because they came from a source other than the session's peer (strict RTP). */
    public long foreignPackets() {
        return totals.foreign.sum();
    }

    /**
     * The pacers' scheduling, once their threads run (waits up to 5 s for them): "at real-time priority (SCHED_FIFO
     * 10)", or "at ordinary priority" with why (not asked, or refused and how to allow it).
     */
    public String pacerPriority() {
        List<String> refusals = new ArrayList<>();
        for (Pacer pacer : pacers) {
            try {
                pacer.priority().get(5, TimeUnit.SECONDS).ifPresent(refusals::add);
            } catch (ExecutionException | TimeoutException e) {
                refusals.add("the pacer thread did not start within 5 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refusals.add("interrupted");
            }
        }
        return refusals.isEmpty() ? "at real-time priority (SCHED_FIFO " + RealtimeScheduling.PRIORITY + ")"
                : "at ordinary priority (real-time: " + refusals.get(0) + ")";
    }

    /**
     * Whether every pacer runs under real-time scheduling now (see {@link #pacerPriority()}; a pacer that takes a
     * whole core leaves it until it needs less).
     */
    public boolean realtimePacers() {
        return pacers.stream().allMatch(Pacer::realtimeNow);
    }

    /** RTP packets sent since start; open sessions add theirs about once a second. */
    public long packetsSent() {
        return totals.sent.sum();
    }

    /** RTP packets received from the sessions' peers since start; open sessions add theirs about once a second. */
    public long packetsReceived() {
        return totals.received.sum();
    }

    /**
     * RTP packets the sessions' peers sent that never arrived, since start (RFC 3550: expected from the sequence
     * numbers, minus received); open sessions add theirs about once a second.
     */
    public long packetsLost() {
        return totals.lost.sum();
    }

    /**
     * The largest interarrival jitter (RFC 3550) among the open sessions now, in seconds; 0 with none. The pacer
     * reads a leg at the 2 ms slot after a packet arrived, so it shows jitter beyond 2 ms, not below.
     */
    public double maxJitterSeconds() {
        double max = 0;
        for (MediaSession session : sessions) {
            max = Math.max(max, session.jitterSeconds());
        }
        return max;
    }

    /**
     * The pacers' 2 ms slots (a tenth of the streams each) whose packets left more than {@code overMillis} after
     * their time, since start; {@code overMillis} is one of {@link #LATE_MILLIS}.
     *
     * @throws IllegalArgumentException for another {@code overMillis}
     */
    public long lateSlots(int overMillis) {
        int index = LATE_MILLIS.indexOf(overMillis);
        if (index < 0) {
            throw new IllegalArgumentException("overMillis: " + overMillis + " (expected: one of " + LATE_MILLIS + ")");
        }
        long total = 0;
        for (Pacer pacer : pacers) {
            total += pacer.lateSlots(index);
        }
        return total;
    }

    /**
     * Ticks skipped by late pacers since start, while they had streams to send (a health figure; 0 on a machine that
     * keeps up). A pacer held up with nothing to send, as by the collections of loading the speech models at start,
     * skips no audio and counts nothing.
     */
    public long skippedTicks() {
        long total = 0;
        for (Pacer pacer : pacers) {
            total += pacer.skippedTicks();
        }
        return total;
    }
}
