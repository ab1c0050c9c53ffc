package io.switchboard.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The recording of one call into a WAV file (16-bit PCM, 8 kHz, {@link #channels()} channels): sessions and mixes
 * {@linkplain MediaSession#record feed} it through {@link RecordingTap}s, one per source, each bound to a channel;
 * the sources of one channel are summed. The engine's writer thread appends what the taps hold about
 * {@value #DELAY_FRAMES} frames behind real time, every 100 ms, and rewrites the header's sizes every second, so a
 * recording cut by a crash is a playable WAV up to then ({@link #repair}). Frames recorded while paused are not
 * written: the file holds the recorded parts back to back. Nothing of the call is held in memory beyond a ring of
 * 1.28 s per tap.
 *
 * <p>Threading: thread-safe; no method blocks. The pacer threads feed the taps, the writer thread does all file I/O.
 */
public final class MediaRecorder implements FrameClock {

    /** How far behind real time the writer stays, so that every pacer has written its frame. */
    static final int DELAY_FRAMES = 10;
    /** Most channels one recording has. */
    public static final int MAX_CHANNELS = 8;
    private static final int FRAME = Codec.FRAME_BYTES;
    private static final int HEADER_EVERY_DRAINS = 10;

    /** What a finished recording holds. */
    public record RecordedAudio(Path file, int channels, long frames, long bytes) {

        /** Its length in milliseconds (20 per frame). */
        public long durationMillis() {
            return frames * 20;
        }
    }

    private record PauseChange(long fromFrame, boolean paused) {
    }

    private final Path file;
    private final int channels;
    private final long originNanos;
    private final List<RecordingTap> taps = new CopyOnWriteArrayList<>();
    private final Queue<PauseChange> pauseChanges = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<RecordedAudio> done = new CompletableFuture<>();
    private final Runnable onClosed;
    private volatile boolean closing;
    // writer thread only:
    private FileChannel out;
    private ByteBuffer buffer;
    private ShortBuffer samples;
    private int[][] mix;
    private short[] scratch;
    private short[] interleaved;
    private boolean paused;
    private long nextFrame;
    private long writtenFrames;
    private long drains;

    MediaRecorder(Path file, int channels, boolean paused, long originNanos, Runnable onClosed) {
        this.file = file;
        this.channels = channels;
        this.originNanos = originNanos;
        this.paused = paused;
        this.onClosed = onClosed;
    }

    public Path file() {
        return file;
    }

    public int channels() {
        return channels;
    }

    /**
     * A new source for {@code channel}: hand it to {@link MediaSession#record} or {@link MediaMix#record}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= channel < channels()}
     */
    public RecordingTap tap(int channel) {
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: 0 to " + (channels - 1) + ")");
        }
        RecordingTap tap = new RecordingTap(this, channel);
        if (!closing) {
            taps.add(tap);
        }
        return tap;
    }

    /** Stops writing (paused) or starts again, from now on. */
    public void pause(boolean pause) {
        pauseChanges.add(new PauseChange(frameAt(System.nanoTime()), pause));
    }

    /**
     * Stops the recording: what the taps hold is written, the header completed and the file closed, on the writer
     * thread. Idempotent; the stage is the same for every call, and fails if the file could not be written.
     */
    public CompletionStage<RecordedAudio> close() {
        closing = true;
        return done;
    }

    /** The stage {@link #close()} returns; it also completes, failed, when writing fails before that. */
    public CompletionStage<RecordedAudio> finished() {
        return done;
    }

    /**
     * Makes a WAV file left by a crash playable to its end: its header's sizes are set to what it holds.
     *
     * @return whether the file needed it
     * @throws IOException if the file cannot be read or written
     */
    public static boolean repair(Path wav) throws IOException {
        return WavFile.repair(wav);
    }

    /** The frame index of {@code nanoTime} on this recording's clock. */
    @Override
    public long frameAt(long nanoTime) {
        return Math.floorDiv(nanoTime - originNanos, Pacer.PERIOD_NANOS);
    }

    /** Writer thread: appends what is due; when closing, everything, then completes. */
    void drain(long now) {
        if (done.isDone()) {
            return;
        }
        try {
            if (out == null) {
                open();
            }
            boolean last = closing;
            long until = last ? lastFrame() + 1 : frameAt(now) - DELAY_FRAMES;
            for (; nextFrame < until; nextFrame++) {
                applyPauseChanges(nextFrame);
                if (!paused) {
                    writeFrame(nextFrame);
                }
            }
            flush();
            taps.removeIf(tap -> tap.released() && tap.lastWritten() < nextFrame);
            if (last || ++drains % HEADER_EVERY_DRAINS == 0) {
                WavFile.updateSizes(out, writtenFrames * FRAME * channels * 2);
            }
            if (last) {
                out.close();
                onClosed.run();
                done.complete(new RecordedAudio(file, channels, writtenFrames, writtenFrames * FRAME * channels * 2L));
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out.write(WavFile.header(channels, 0));
        buffer = ByteBuffer.allocateDirect(FRAME * channels * 2 * 16).order(ByteOrder.LITTLE_ENDIAN);
        samples = buffer.asShortBuffer();
        mix = new int[channels][FRAME];
        scratch = new short[FRAME];
        interleaved = new short[FRAME * channels];
        nextFrame = frameAt(System.nanoTime()) - DELAY_FRAMES;
    }

    private long lastFrame() {
        long last = nextFrame - 1;
        for (RecordingTap tap : taps) {
            last = Math.max(last, tap.lastWritten());
        }
        return last;
    }

    private void applyPauseChanges(long frame) {
        for (PauseChange change = pauseChanges.peek(); change != null && change.fromFrame() <= frame;
             change = pauseChanges.peek()) {
            paused = change.paused();
            pauseChanges.poll();
        }
    }

    private void writeFrame(long frame) throws IOException {
        for (int[] channel : mix) {
            Arrays.fill(channel, 0);
        }
        for (RecordingTap tap : taps) {
            tap.addTo(frame, mix[tap.channel()], scratch);
        }
        for (int c = 0; c < channels; c++) {
            int[] channel = mix[c];
            for (int i = 0, at = c; i < FRAME; i++, at += channels) {
                interleaved[at] = Mixer.saturate(channel[i]);
            }
        }
        if (samples.remaining() < interleaved.length) {
            flush();
        }
        samples.put(interleaved);
        writtenFrames++;
    }

    /** Writes what the buffer holds (its short view's position says how much). */
    private void flush() throws IOException {
        buffer.limit(samples.position() * 2).position(0);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
        samples.clear();
    }

    private void fail(Exception e) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the failure reported is the first one
        }
        onClosed.run();
        done.completeExceptionally(e);
    }

    boolean isClosing() {
        return closing;
    }

    @Override
    public String toString() {
        return "MediaRecorder[" + file.getFileName() + ", " + channels + " channel(s)]";
    }

    static void validate(Path file, int channels) {
        Objects.requireNonNull(file, "file");
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels: " + channels + " (expected: 1 to " + MAX_CHANNELS + ")");
        }
    }
}
