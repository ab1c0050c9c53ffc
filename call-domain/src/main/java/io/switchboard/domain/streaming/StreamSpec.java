package io.switchboard.domain.streaming;

import java.net.URI;
import java.util.Locale;

/**
 * What a call streams to the application over a WebSocket, as it asked: its audio ({@link StreamingSpec}, ACS media
 * streaming) or what is said in it, as text ({@link TranscriptionSpec}, ACS live transcription).
 */
public sealed interface StreamSpec permits StreamingSpec, TranscriptionSpec {

    /** The application's WebSocket, {@code ws://} or {@code wss://}. */
    URI transportUrl();

    /** Whether it starts when the call connects, else on request. */
    boolean startOnConnect();

    /** What the stream carries. */
    Content content();

    /** Audio, or the text of what is said. */
    enum Content { AUDIO, TRANSCRIPTION }

    /** Refuses a transport that is no WebSocket URL, naming the field. */
    static void requireWebSocket(URI transportUrl) {
        String scheme = transportUrl.getScheme() == null ? "" : transportUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ws") || scheme.equals("wss")) || transportUrl.getHost() == null) {
            throw new IllegalArgumentException("transportUrl: " + transportUrl
                    + " (expected: an absolute ws:// or wss:// URL)");
        }
    }
}
