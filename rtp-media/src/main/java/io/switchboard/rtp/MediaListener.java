package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;

/**
 * Receives what happens on a {@link MediaSession}.
 *
 * <p>Threading: every method is called on one of the engine's pacer threads, which also paces the RTP of many other
 * calls. Implementations must return quickly and never block: hand the event to the call's owner (its serial
 * executor or Vert.x context) and return. An exception thrown here is logged and otherwise ignored.
 */
public interface MediaListener {

    /** The last packet of a non-looped playback was sent. Not called for a playback replaced or stopped. */
    void playbackFinished(MediaOperationId playbackId);

    /** A DTMF key press was received (RFC 4733), reported once per press, when its first packet arrives. */
    void toneReceived(Tone tone);

    /** No valid RTP arrived for {@link MediaConfig#mediaTimeout()} after start or since the last packet; once. */
    void mediaTimeout();
}
