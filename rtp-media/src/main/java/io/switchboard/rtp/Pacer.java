package io.switchboard.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One pacing thread serving many streams. Every 20 ms, at the absolute deadline {@code origin + n × 20 ms}
 * ({@link LockSupport#parkNanos}, so waking late never shifts later ticks), it runs queued commands, then for each
 * stream runs its session's queued commands, reads what arrived and sends one packet, then each {@link Mix} mixes
 * and sends the packets of its members (which are streams of this pacer too). The 20 ms are cut into
 * {@value #SLOTS} slots and every stream and mix keeps the slot it was given (the least busy one), so the packets
 * of a tick leave in small groups spread over the period rather than in one burst that the receivers (and this
 * thread's own scheduling) would turn into jitter. A pacer more than
 * {@value #MAX_LAG_TICKS} ticks late skips the missed ticks (streams advance their RTP clock over them) instead of
 * bursting; up to that lag it catches up with back-to-back ticks, i.e. at most a few packets per stream at once.
 *
 * <p>A stream reads its socket only when something arrived: at every slot the pacer asks its selector (one
 * {@code epoll_wait} for all its streams, not one read per stream and tick) which sockets have data, so a line on
 * which the other side sends nothing (a playback, a held call) costs one send per tick and no read.
 *
 * <p>Threading: {@link #execute} and {@link #adopt} may be called from any thread; everything else of the streams and
 * mixes runs on this thread.
 * Nothing is allocated per packet: one send and one receive buffer serve all streams.
 */
final class Pacer implements Runnable {

    static final long PERIOD_NANOS = 20_000_000L;
    static final int MAX_LAG_TICKS = 3;
    static final int SLOTS = 10;
    static final long SLOT_NANOS = PERIOD_NANOS / SLOTS;
    /** Reads a selection makes at least, however few the streams. */
    static final int MIN_READS_PER_SELECTION = 64;

    private static final System.Logger LOG = System.getLogger(Pacer.class.getName());
    private static final long LAG_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Slots<RtpStream> streams = new Slots<>(SLOTS);
    private final Slots<Mix> mixes = new Slots<>(SLOTS);
    /** Ticks skipped while a slot was waiting for its turn: each slot's streams advance their clocks over them. */
    private final int[] skippedPerSlot = new int[SLOTS];
    private final ByteBuffer tx = ByteBuffer.allocateDirect(RtpPacket.HEADER_BYTES + Codec.FRAME_BYTES);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
    private final Selector selector;
    /** When the current selection began: the arrival time of what it reads. */
    private long selectedAt;
    /** Reads the current selection may still make (see {@link #selectReadable}). */
    private int readsLeft;
    private final Consumer<SelectionKey> onReadable = key -> readOne((RtpStream) key.attachment());
    private final Thread thread;
    private volatile boolean running = true;
    /** Ticks skipped while this pacer had streams (a mix sends through its members' streams). */
    private volatile long skippedTicks;
    /** Slots this pacer has been through, each to its check for lateness (skipped ones included). */
    private volatile long slotsRun;
    /** Slots that ended later than their deadline by more than each of {@link MediaEngine#LATE_MILLIS}. */
    private final AtomicLongArray lateSlots = new AtomicLongArray(MediaEngine.LATE_MILLIS.size());
    private final long[] lateNanos = MediaEngine.LATE_MILLIS.stream()
            .mapToLong(millis -> TimeUnit.MILLISECONDS.toNanos(millis)).toArray();
    private long lastLagLog;
    private boolean selectFailureLogged;

    /** Whether to ask for real-time scheduling as the thread starts; then what came of it. */
    private final boolean realtime;
    private final CompletableFuture<Optional<String>> priority = new CompletableFuture<>();
    /**
     * A real-time pacer that takes a whole core ({@value #SATURATED_PERCENT} % of its CPU time over a second) would
     * leave signalling, HTTP and the hang-ups that could relieve it 5 % of that core: it then runs as an ordinary
     * thread until it has stayed under {@value #RELIEVED_PERCENT} % without skipping a tick for
     * {@value #RELIEVED_SECONDS} seconds.
     */
    static final int SATURATED_PERCENT = 90;
    static final int RELIEVED_PERCENT = 75;
    static final int RELIEVED_SECONDS = 5;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile boolean realtimeNow;
    private long lastCheckNanos;
    private long lastCpuNanos;
    private int relievedSeconds;
    private long skippedAtCheck;

    Pacer(String name, boolean realtime) {
        this.realtime = realtime;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("RTP pacer " + name + ": no selector", e);
        }
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Completes once the thread runs: empty when it runs under real-time scheduling, else why not (not asked, or
     * refused).
     */
    CompletableFuture<Optional<String>> priority() {
        return priority;
    }

    /** Runs {@code command} on this pacer before its next tick; dropped once the pacer is stopped. */
    void execute(Runnable command) {
        if (running) {
            commands.add(command);
        }
    }

    /** Called on this pacer (from a command). */
    void add(RtpStream stream) {
        stream.moveTo(this);
        try {
            stream.watch(selector, onReadable);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "RTP port " + stream.localPort() + " not watched by "
                    + thread.getName() + "; read every tick", e);
        }
        streams.add(stream);
    }

    /**
     * Takes over a stream another pacer has just let go of ({@link RtpStream#moveTo}); called on that pacer. If this
     * pacer is stopped, closes the stream instead, as nobody would serve it.
     */
    void adopt(RtpStream stream) {
        Runnable add = () -> add(stream);
        commands.add(add);
        if (!running && commands.remove(add)) {
            stream.closeChannel();
        }
    }

    /** Called on this pacer (from a command). */
    void add(Mix mix) {
        mixes.add(mix);
    }

    /** Called on this pacer (from a command). */
    void remove(Mix mix) {
        mixes.remove(mix);
    }

    long skippedTicks() {
        return skippedTicks;
    }

    long slotsRun() {
        return slotsRun;
    }

    /** Slots late by more than {@code MediaEngine.LATE_MILLIS.get(index)}. Any thread. */
    long lateSlots(int index) {
        return lateSlots.get(index);
    }

    private void countLate(long late) {
        for (int i = 0; i < lateNanos.length && late > lateNanos[i]; i++) {
            lateSlots.incrementAndGet(i); // rare: a fence then costs nothing that matters
        }
    }

    /** Stops the thread, then runs the commands still queued (e.g. session closes) and closes what is left. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Stuck in a listener callback: leave its streams to it rather than race it; they are daemon-owned.
            LOG.log(System.Logger.Level.WARNING, "{0} did not stop within 2 s", thread.getName());
            return;
        }
        // After join the streams are no longer touched by the pacer thread: this thread may finish them.
        runCommands();
        for (int slot = 0; slot < SLOTS; slot++) {
            for (RtpStream stream : streams.slot(slot)) {
                stream.closeChannel();
            }
        }
        streams.clear();
        mixes.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the RTP selector of " + thread.getName() + " failed", e);
        }
    }

    @Override
    public void run() {
        Optional<String> refused = realtime ? RealtimeScheduling.raiseCurrentThread() : Optional.of("not asked");
        realtimeNow = refused.isEmpty();
        priority.complete(refused);
        long origin = System.nanoTime();
        lastCheckNanos = origin;
        lastCpuNanos = threads.getCurrentThreadCpuTime();
        long subTick = 0;
        while (running) {
            runCommands();
            selectReadable();
            int slot = (int) (subTick % SLOTS);
            int skipped = skippedPerSlot[slot];
            skippedPerSlot[slot] = 0;
            long now = System.nanoTime();
            ArrayList<RtpStream> due = streams.slot(slot);
            for (int i = 0; i < due.size(); i++) {
                RtpStream stream = due.get(i);
                if (!stream.runCommands(this)) {
                    streams.removeAt(slot, i--); // moved to the pacer of a mix it joins
                    stream.unwatch();
                    stream.owner().adopt(stream);
                } else if (!stream.isOpen()) {
                    streams.removeAt(slot, i--); // closed by its session
                } else {
                    paceOne(stream, now, skipped);
                }
            }
            ArrayList<Mix> dueMixes = mixes.slot(slot);
            for (int i = 0; i < dueMixes.size(); i++) {
                tickOne(dueMixes.get(i), skipped, now);
            }
            if (realtime && now - lastCheckNanos >= TimeUnit.SECONDS.toNanos(1)) {
                checkSaturation(now);
            }
            long deadline = origin + ++subTick * SLOT_NANOS;
            long late = System.nanoTime() - deadline;
            countLate(late);
            if (late > MAX_LAG_TICKS * PERIOD_NANOS) {
                int periods = (int) (late / PERIOD_NANOS);
                subTick += (long) periods * SLOTS;
                deadline += periods * PERIOD_NANOS;
                for (int i = 0; i < SLOTS; i++) {
                    skippedPerSlot[i] += periods;
                }
                if (streams.size() > 0) { // with nothing to send a late tick harms no audio (e.g. a GC at start)
                    skippedTicks += periods;
                    logLag(late);
                }
            }
            slotsRun = subTick;
            for (long wait = deadline - System.nanoTime(); wait > 0 && running; wait = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Once a second, for a pacer that was granted real-time scheduling: see {@link #SATURATED_PERCENT}. */
    private void checkSaturation(long now) {
        long cpu = threads.getCurrentThreadCpuTime();
        long percent = (cpu - lastCpuNanos) * 100 / Math.max(1, now - lastCheckNanos);
        // an ordinary pacer that other threads crowd out runs little: it needs less only if it also kept up
        boolean keptUp = skippedTicks == skippedAtCheck;
        skippedAtCheck = skippedTicks;
        lastCpuNanos = cpu;
        lastCheckNanos = now;
        if (realtimeNow && percent >= SATURATED_PERCENT) {
            RealtimeScheduling.lowerCurrentThread();
            realtimeNow = false;
            relievedSeconds = 0;
            LOG.log(System.Logger.Level.WARNING, "{0} takes {1} % of a core with {2} streams: ordinary priority until "
                    + "it needs less, so that signalling can still set up and hang up calls", thread.getName(),
                    percent, streams.size());
        } else if (!realtimeNow && priority.join().isEmpty()) {
            relievedSeconds = percent < RELIEVED_PERCENT && keptUp ? relievedSeconds + 1 : 0;
            if (relievedSeconds >= RELIEVED_SECONDS && RealtimeScheduling.raiseCurrentThread().isEmpty()) {
                realtimeNow = true;
                LOG.log(System.Logger.Level.INFO, "{0} at real-time priority again ({1} % of a core with {2} streams)",
                        thread.getName(), percent, streams.size());
            }
        }
    }

    /** Whether the thread runs under real-time scheduling now (it leaves it while it takes a whole core). */
    boolean realtimeNow() {
        return realtimeNow;
    }

    /**
     * Reads one datagram from each stream whose socket has something: level-triggered, a socket with more waiting is
     * selected again at the next slot, so a burst drains at one datagram per 2 ms and no read ever comes back empty.
     * A selection reads at most twice a slot's share of the streams (at least {@value #MIN_READS_PER_SELECTION}):
     * when every leg's packet arrives at once, the reads spread over the next slots instead of making this slot's
     * packets late; the sockets not read yet are selected again.
     */
    private void selectReadable() {
        selectedAt = System.nanoTime();
        readsLeft = Math.max(MIN_READS_PER_SELECTION, 2 * streams.size() / SLOTS);
        try {
            selector.selectNow(onReadable);
        } catch (IOException e) {
            if (!selectFailureLogged) { // the streams then wait for the next selection to read; logged once
                selectFailureLogged = true;
                LOG.log(System.Logger.Level.ERROR, "RTP selector of " + thread.getName() + " failed", e);
            }
        }
    }

    private void readOne(RtpStream stream) {
        if (readsLeft <= 0) {
            return; // still readable: the next selection reports it again
        }
        try {
            if (stream.readOne(selectedAt, rx)) {
                readsLeft--;
            }
        } catch (RuntimeException e) {
            failed(stream, e);
        }
    }

    private void paceOne(RtpStream stream, long now, int skipped) {
        try {
            stream.pace(now, skipped, tx, rx);
        } catch (RuntimeException e) {
            failed(stream, e);
        }
    }

    /** A bug in one call must not silence every other call of this pacer: drops that stream only. */
    private void failed(RtpStream stream, RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "RTP stream of port " + stream.localPort() + " failed; closed", e);
        stream.closeChannel(); // removed from the streams (and its mix) on the next tick
    }

    private void tickOne(Mix mix, int skipped, long now) {
        try {
            mix.tick(skipped, tx, now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "media mix on " + thread.getName() + " failed; closed", e);
            mix.close();
            commands.add(() -> remove(mix));
        }
    }

    private void runCommands() {
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "media command failed on " + thread.getName(), e);
            }
        }
    }

    private void logLag(long lateNanos) {
        long now = System.nanoTime();
        if (lastLagLog == 0 || now - lastLagLog > LAG_LOG_INTERVAL_NANOS) {
            lastLagLog = now;
            LOG.log(System.Logger.Level.WARNING, "{0} fell {1} ms behind with {2} streams; skipped ticks so far: {3}",
                    thread.getName(), TimeUnit.NANOSECONDS.toMillis(lateNanos), streams.size(), skippedTicks);
        }
    }
}
