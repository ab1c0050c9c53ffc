package io.switchboard.adapter.sip.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One pacing thread serving many streams. Every 20 ms, at the absolute deadline {@code origin + n × 20 ms}
 * ({@link LockSupport#parkNanos}, so waking late never shifts later ticks), it runs queued commands, then for each
 * stream runs its session's queued commands, reads what arrived and sends one packet, then each {@link Mix} mixes
 * and sends the packets of its members (which are streams of this pacer too). A pacer more than
 * {@value #MAX_LAG_TICKS} ticks late skips the missed ticks (streams advance their RTP clock over them) instead of
 * bursting; up to that lag it catches up with back-to-back ticks, i.e. at most a few packets per stream at once.
 *
 * <p>Threading: {@link #execute} and {@link #adopt} may be called from any thread; everything else of the streams and
 * mixes runs on this thread.
 * Nothing is allocated per packet: one send and one receive buffer serve all streams.
 */
final class Pacer implements Runnable {

    static final long PERIOD_NANOS = 20_000_000L;
    static final int MAX_LAG_TICKS = 3;

    private static final System.Logger LOG = System.getLogger(Pacer.class.getName());
    private static final long LAG_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final ArrayList<RtpStream> streams = new ArrayList<>();
    private final ArrayList<Mix> mixes = new ArrayList<>();
    private final ByteBuffer tx = ByteBuffer.allocateDirect(RtpPacket.HEADER_BYTES + Codec.FRAME_BYTES);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long skippedTicks;
    private long lastLagLog;

    Pacer(String name) {
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
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
        for (RtpStream stream : streams) {
            stream.closeChannel();
        }
        streams.clear();
        mixes.clear();
    }

    @Override
    public void run() {
        long origin = System.nanoTime();
        long tick = 0;
        int skipped = 0;
        while (running) {
            runCommands();
            long now = System.nanoTime();
            for (int i = 0; i < streams.size(); i++) {
                RtpStream stream = streams.get(i);
                if (!stream.runCommands(this)) {
                    streams.remove(i--); // moved to the pacer of a mix it joins
                    stream.owner().adopt(stream);
                } else if (!stream.isOpen()) {
                    streams.remove(i--); // closed by its session
                } else {
                    paceOne(stream, now, skipped);
                }
            }
            for (int i = 0; i < mixes.size(); i++) {
                tickOne(mixes.get(i), skipped);
            }
            skipped = 0;
            long deadline = origin + ++tick * PERIOD_NANOS;
            long late = System.nanoTime() - deadline;
            if (late > MAX_LAG_TICKS * PERIOD_NANOS) {
                skipped = (int) (late / PERIOD_NANOS);
                tick += skipped;
                deadline += skipped * PERIOD_NANOS;
                skippedTicks += skipped;
                logLag(late);
            }
            for (long wait = deadline - System.nanoTime(); wait > 0 && running; wait = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private void paceOne(RtpStream stream, long now, int skipped) {
        try {
            stream.pace(now, skipped, tx, rx);
        } catch (RuntimeException e) {
            // A bug in one call must not silence every other call of this pacer: drop that stream only.
            LOG.log(System.Logger.Level.ERROR, "RTP stream of port " + stream.localPort() + " failed; closed", e);
            stream.closeChannel(); // removed from the streams (and its mix) on the next tick
        }
    }

    private void tickOne(Mix mix, int skipped) {
        try {
            mix.tick(skipped, tx);
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
