package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.Vertx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Recordings of sandbox calls. Sandbox phones say nothing, so a recording holds what the application played to the
 * call, where it played, with silence between, and its participants' channels silent. While it runs only the
 * plays' places in time are kept (the clips are the shared ones); the WAV file (16-bit PCM, 8 kHz, as on SIP) is
 * written when it stops, off the event loop, leaving the paused time out. A recording cut by a crash leaves no
 * file: the sandbox is for trying things out.
 *
 * <p>Confined to the network's context.
 */
final class SandboxRecordings {

    private static final System.Logger LOG = System.getLogger(SandboxRecordings.class.getName());
    private static final int RATE = 8000;

    /** A clip played into the call: from {@code start} until {@code end} (nanoTime), looped or once. */
    private static final class Segment {
        final short[] samples;
        final boolean loop;
        final long start;
        long end = Long.MAX_VALUE;

        Segment(short[] samples, boolean loop, long start) {
            this.samples = samples;
            this.loop = loop;
            this.start = start;
        }

        /** The sample heard at {@code time} (nanoTime), 0 outside the segment. */
        int at(long time) {
            if (time < start || time >= end || samples.length == 0) {
                return 0;
            }
            long index = (time - start) * RATE / 1_000_000_000L;
            return loop ? samples[(int) (index % samples.length)] : index < samples.length ? samples[(int) index] : 0;
        }
    }

    private static final class Running {
        final RecordingRequest request;
        final long start;
        final Map<MediaOperationId, Segment> playing = new HashMap<>();
        final List<Segment> segments = new ArrayList<>();
        final List<long[]> pauses = new ArrayList<>();
        final CompletableFuture<RecordedFile> done = new CompletableFuture<>();
        long pausedSince = -1;

        Running(RecordingRequest request, long start) {
            this.request = request;
            this.start = start;
            if (request.paused()) {
                pausedSince = start;
            }
        }
    }

    private final Vertx vertx;
    private final LongSupplier clock;
    private final Map<CallConnectionId, Running> byCall = new HashMap<>();
    private final Map<RecordingId, Running> byId = new HashMap<>();

    SandboxRecordings(Vertx vertx, LongSupplier nanoClock) {
        this.vertx = vertx;
        this.clock = nanoClock;
    }

    CompletionStage<RecordedFile> start(RecordingRequest request) {
        if (byCall.containsKey(request.call())) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "call " + request.call() + " is being recorded already"));
        }
        Running running = new Running(request, clock.getAsLong());
        byCall.put(request.call(), running);
        byId.put(request.recording(), running);
        LOG.log(Level.INFO, "call {0}: recording {1} (sandbox: the plays, the phones are silent)", request.call(),
                request.recording());
        return running.done;
    }

    void pause(RecordingId id, boolean paused) {
        Running running = byId.get(id);
        if (running == null || paused == running.pausedSince >= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (paused) {
            running.pausedSince = now;
        } else {
            running.pauses.add(new long[] {running.pausedSince, now});
            running.pausedSince = -1;
        }
    }

    /** A clip started playing into the call (each round of a looped one is the same segment). */
    void playing(CallConnectionId call, MediaOperationId operation, AudioClip clip, boolean loop) {
        Running running = byCall.get(call);
        if (running != null && !running.playing.containsKey(operation)) {
            Segment segment = new Segment(clip.samples(), loop, clock.getAsLong());
            running.playing.put(operation, segment);
            running.segments.add(segment);
        }
    }

    /** A play ended, was stopped or is heard by nobody any more. */
    void stopped(CallConnectionId call, MediaOperationId operation) {
        Running running = byCall.get(call);
        Segment segment = running == null ? null : running.playing.remove(operation);
        if (segment != null) {
            segment.end = clock.getAsLong();
        }
    }

    /** Stops the recording and writes its file, off the event loop; its stage completes with it. */
    void stop(RecordingId id) {
        Running running = byId.remove(id);
        if (running == null) {
            return;
        }
        byCall.remove(running.request.call());
        long end = clock.getAsLong();
        if (running.pausedSince >= 0) {
            running.pauses.add(new long[] {running.pausedSince, end});
        }
        running.playing.values().forEach(segment -> segment.end = end);
        // completed on the worker thread: what depends on the file (keeping its document) does I/O too, which has no
        // place on the event loop
        vertx.executeBlocking(() -> {
            try {
                running.done.complete(write(running, end));
            } catch (IOException | RuntimeException e) {
                running.done.completeExceptionally(e);
            }
            return null;
        });
    }

    /** Stops every recording (the network closes): their files are written as if stopped now. */
    void close() {
        List.copyOf(byId.keySet()).forEach(this::stop);
    }

    private static RecordedFile write(Running running, long end) throws IOException {
        RecordingRequest request = running.request;
        int channels = request.channels().count();
        int promptChannel = channels - 1;
        long samples = 0;
        Files.createDirectories(request.file().toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(request.file(),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 64 * 1024)) {
            out.write(new byte[44]); // the header, written once the size is known
            ByteBuffer frame = ByteBuffer.allocate(channels * 2).order(ByteOrder.LITTLE_ENDIAN);
            long step = 1_000_000_000L / RATE;
            for (long time = running.start; time < end; time += step) {
                if (paused(running, time)) {
                    continue;
                }
                int sum = 0;
                for (Segment segment : running.segments) {
                    sum += segment.at(time);
                }
                frame.clear();
                for (int c = 0; c < channels; c++) {
                    frame.putShort(c == promptChannel ? (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE,
                            sum)) : 0);
                }
                out.write(frame.array());
                samples++;
            }
            byte[] silence = new byte[channels * 2];
            for (; samples % 160 != 0; samples++) {
                out.write(silence); // whole 20 ms frames, as on SIP
            }
        }
        long frames = samples / 160;
        long bytes = samples * channels * 2;
        try (var file = java.nio.channels.FileChannel.open(request.file(), StandardOpenOption.WRITE)) {
            file.write(header(channels, bytes), 0);
        }
        return new RecordedFile(request.file(), channels, Duration.ofMillis(frames * 20), bytes,
                channelsOf(request));
    }

    private static boolean paused(Running running, long time) {
        for (long[] pause : running.pauses) {
            if (time >= pause[0] && time < pause[1]) {
                return true;
            }
        }
        return false;
    }

    /** Mixed: everyone on channel 0; unmixed: the ordered legs first, then the others, four at most. */
    private static Map<LegId, Integer> channelsOf(RecordingRequest request) {
        Map<LegId, Integer> channels = new LinkedHashMap<>();
        List<LegId> legs = new ArrayList<>(request.channelOrder());
        request.legs().stream().filter(leg -> !legs.contains(leg)).forEach(legs::add);
        for (LegId leg : legs) {
            if (request.channels() == RecordingChannels.MIXED) {
                channels.put(leg, 0);
            } else if (channels.size() < RecordingChannels.PARTICIPANT_CHANNELS) {
                channels.put(leg, channels.size());
            }
        }
        return channels;
    }

    /** The 44-byte RIFF/WAVE header of 16-bit PCM at 8 kHz. */
    private static ByteBuffer header(int channels, long dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(RATE).putInt(RATE * channels * 2).putShort((short) (channels * 2))
                .putShort((short) 16).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt((int) dataBytes);
        return header.flip();
    }
}
