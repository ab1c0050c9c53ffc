package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.streaming.StreamSpec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where calls' media streams and live transcriptions go: the application's WebSocket, in ACS's media streaming and
 * transcription messages.
 */
public interface MediaStreams {

    /** A network that streams nothing: every stream fails to open, saying so. */
    MediaStreams NONE = (request, inbound) -> CompletableFuture.failedFuture(
            new UnsupportedOperationException("media streaming is not available on this server"));

    /**
     * Opens a stream's connection. The stage completes once it is open, and fails (never throws) with the reason
     * when it cannot be opened. What the application sends back, and a loss of the connection, go to {@code inbound}.
     */
    CompletionStage<Connection> open(Request request, Inbound inbound);

    /** The stream of one call, as the application set it up: its audio, or the text of what is said. */
    record Request(CallConnectionId call, MediaOperationId stream, StreamSpec spec) {

        public Request {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** An open stream. Thread-safe; no method blocks. */
    interface Connection {

        /**
         * Sends one 20 ms frame (160 samples of 16-bit PCM at 8 kHz; the array is the caller's): what
         * {@code speaker} said, or for a mixed stream (no speaker) what all said. Dropped, and counted, while the
         * application does not keep up.
         */
        void audio(Optional<CommunicationIdentifier> speaker, short[] frame);

        /** Sends a participant's key press. */
        void tone(CommunicationIdentifier from, Tone tone);

        /**
         * Sends what a participant said (a transcription), as a final result: {@code offset} from the stream's start
         * to the utterance, and its length.
         */
        void transcript(CommunicationIdentifier speaker, RecognizedSpeech said, Duration offset, Duration length);

        /** Closes the connection; nothing reaches {@link Inbound} afterwards. Idempotent. */
        void close();
    }

    /** What comes back on a stream; called on the connection's thread, one call at a time, never blocking it. */
    interface Inbound {

        /** Audio the application sent (a bidirectional stream), resampled to 8 kHz; any length. */
        void audio(short[] samples);

        /** The application asked that what it sent and is not played yet be dropped ({@code StopAudio}). */
        void stopAudio();

        /** The connection was lost (closed by the application or the network), not by {@link Connection#close}. */
        void lost(String why);
    }
}
