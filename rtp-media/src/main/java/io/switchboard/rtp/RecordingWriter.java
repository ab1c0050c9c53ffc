package io.switchboard.rtp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one thread for recording I/O: every 100 ms it appends to each open recording what its taps hold, so
 * the pacers never touch a file. Started with the first recording.
 */
final class RecordingWriter {

    private static final long PERIOD_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger(RecordingWriter.class.getName());

    private final Set<MediaRecorder> recorders = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService thread; // guarded by this

    void add(MediaRecorder recorder) {
        recorders.add(recorder);
        synchronized (this) {
            if (thread == null) {
                thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread writer = new Thread(runnable, "rtp-recorder");
                    writer.setDaemon(true);
                    return writer;
                });
                thread.scheduleAtFixedRate(this::drainAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    void remove(MediaRecorder recorder) {
        recorders.remove(recorder);
    }

    int open() {
        return recorders.size();
    }

    private void drainAll() {
        long now = System.nanoTime();
        for (MediaRecorder recorder : recorders) {
            try {
                recorder.drain(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "recording " + recorder + " failed", e);
            }
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
