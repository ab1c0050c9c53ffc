package io.switchboard.rtp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one thread for recording I/O: every 20 ms it appends to a fifth of the open recordings what their taps
 * hold (so each recording is written every 100 ms, and the work comes in small slices that never hold a core for
 * long while the pacers need it); the pacers never touch a file. It also hands every voice listener its frames,
 * every 10 ms, so that a frame waits at most that long for it (a media stream's latency). Started with the first
 * recording or listener.
 */
final class RecordingWriter {

    private static final long PERIOD_MILLIS = 10;
    /** Recordings are written every other tick: every 20 ms. */
    private static final int RECORDING_TICKS = 2;
    private static final int GROUPS = 5;
    private static final System.Logger LOG = System.getLogger(RecordingWriter.class.getName());

    private final Set<MediaRecorder> recorders = ConcurrentHashMap.newKeySet();
    private final Set<VoiceListener> listeners = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService thread; // guarded by this
    private long ticks; // writer thread only

    void add(MediaRecorder recorder) {
        recorders.add(recorder);
        start();
    }

    /** A listener is drained every tick: speech recognition waits on it. */
    void add(VoiceListener listener) {
        listeners.add(listener);
        start();
    }

    void remove(VoiceListener listener) {
        listeners.remove(listener);
    }

    int listening() {
        return listeners.size();
    }

    private void start() {
        synchronized (this) {
            if (thread == null) {
                thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread writer = new Thread(runnable, "rtp-recorder");
                    writer.setDaemon(true);
                    return writer;
                });
                thread.scheduleAtFixedRate(this::drainGroup, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    void remove(MediaRecorder recorder) {
        recorders.remove(recorder);
    }

    int open() {
        return recorders.size();
    }

    /**
     * Every listener; every other tick, that tick's fifth of the recordings, and every recording being closed (so a
     * stop completes promptly).
     */
    private void drainGroup() {
        long tick = ticks++;
        long now = System.nanoTime();
        for (VoiceListener listener : listeners) {
            try {
                listener.drain(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener " + listener + " failed", e);
                listener.close();
            }
        }
        if (tick % RECORDING_TICKS != 0) {
            return;
        }
        int group = (int) (tick / RECORDING_TICKS % GROUPS);
        for (MediaRecorder recorder : recorders) {
            if (recorder.isClosing() || Math.floorMod(recorder.hashCode(), GROUPS) == group) {
                drain(recorder, now);
            }
        }
    }

    private void drainAll() {
        long now = System.nanoTime();
        for (MediaRecorder recorder : recorders) {
            drain(recorder, now);
        }
    }

    private static void drain(MediaRecorder recorder, long now) {
        try {
            recorder.drain(now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "recording " + recorder + " failed", e);
        }
    }

    /** Finishes every recording (their files completed), then stops the thread. */
    void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = thread;
            thread = null;
        }
        if (stopping == null) {
            return;
        }
        recorders.forEach(MediaRecorder::close);
        stopping.execute(this::drainAll);
        stopping.shutdown();
        try {
            stopping.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
