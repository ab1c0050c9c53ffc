package io.switchboard.domain.streaming;

import java.net.URI;
import java.util.Objects;

/**
 * What the application asked a call's media stream to be ({@code mediaStreamingOptions}): where the audio goes, how.
 *
 * @param transportUrl   the application's WebSocket, {@code ws://} or {@code wss://}
 * @param channels       one stream of everyone mixed, or each participant's audio apart
 * @param sampleRate     the rate of the PCM sent and received: 16000 or 24000
 * @param startOnConnect whether streaming starts when the call connects, else on request
 * @param bidirectional  whether audio the application sends back is played into the call
 * @param tones          whether the participants' key presses are sent along
 */
public record StreamingSpec(URI transportUrl, Channels channels, int sampleRate, boolean startOnConnect,
                            boolean bidirectional, boolean tones) implements StreamSpec {

    /** Mixed: one stream of all participants; unmixed: each participant's audio in its own frames. */
    public enum Channels { MIXED, UNMIXED }

    public StreamingSpec {
        Objects.requireNonNull(transportUrl, "transportUrl");
        Objects.requireNonNull(channels, "audioChannelType");
        StreamSpec.requireWebSocket(transportUrl);
        if (sampleRate != 16_000 && sampleRate != 24_000) {
            throw new IllegalArgumentException("audioFormat: " + sampleRate + " Hz (expected: pcm16KMono or "
                    + "pcm24KMono)");
        }
    }

    @Override
    public Content content() {
        return Content.AUDIO;
    }
}
