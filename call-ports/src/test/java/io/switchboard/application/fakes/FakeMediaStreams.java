package io.switchboard.application.fakes;

import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Media streams whose connections the test opens or refuses, recording what is sent on them. */
public final class FakeMediaStreams implements MediaStreams {

    private final Map<MediaOperationId, Pending> pending = new ConcurrentHashMap<>();

    /** What went out on a stream: a frame's first sample and speaker, or a tone. */
    public record Sent(Optional<String> speaker, short firstSample, Optional<Tone> tone) {
    }

    private record Pending(Request request, Inbound inbound, CompletableFuture<Connection> opened) {
    }

    /** A transcript sent: who said what, where in the stream (ms). */
    public record Transcript(String speaker, String text, long offsetMillis, long lengthMillis) {
    }

    /** An open connection: what was sent on it, whether it was closed. */
    public static final class FakeConnection implements Connection {
        public final List<Sent> sent = new CopyOnWriteArrayList<>();
        public final List<Transcript> transcripts = new CopyOnWriteArrayList<>();
        public volatile boolean closed;

        @Override
        public void audio(Optional<CommunicationIdentifier> speaker, short[] frame) {
            sent.add(new Sent(speaker.map(CommunicationIdentifier::rawId), frame[0], Optional.empty()));
        }

        @Override
        public void tone(CommunicationIdentifier from, Tone tone) {
            sent.add(new Sent(Optional.of(from.rawId()), (short) 0, Optional.of(tone)));
        }

        @Override
        public void transcript(CommunicationIdentifier speaker, RecognizedSpeech said, Duration offset,
                               Duration length) {
            transcripts.add(new Transcript(speaker.rawId(), said.text(), offset.toMillis(), length.toMillis()));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public CompletionStage<Connection> open(Request request, Inbound inbound) {
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        pending.put(request.stream(), new Pending(request, inbound, opened));
        return opened;
    }

    /** The streams asked to open so far. */
    public List<Request> requests() {
        return pending.values().stream().map(Pending::request).toList();
    }

    /** Opens the stream's connection. */
    public FakeConnection accept(MediaOperationId stream) {
        FakeConnection connection = new FakeConnection();
        find(stream).opened.complete(connection);
        return connection;
    }

    /** Refuses the stream's connection. */
    public void refuse(MediaOperationId stream, String why) {
        find(stream).opened.completeExceptionally(new IllegalStateException(why));
    }

    /** What the application side of the stream does: sends audio, stops it, drops the connection. */
    public Inbound inbound(MediaOperationId stream) {
        return find(stream).inbound;
    }

    private Pending find(MediaOperationId stream) {
        Pending found = pending.get(stream);
        if (found == null) {
            throw new AssertionError("no stream " + stream + " was opened; opened: " + pending.keySet());
        }
        return found;
    }
}
