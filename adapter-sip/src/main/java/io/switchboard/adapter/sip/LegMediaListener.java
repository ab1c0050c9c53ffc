package io.switchboard.adapter.sip;

import io.switchboard.domain.media.Tone;

/** What a leg's RTP stream reports; called on a media thread, must not block. */
interface LegMediaListener {

    /** The last frame of a non-looped playback was sent. */
    void playbackFinished(Object playbackId);

    /** The remote party pressed a key (RFC 4733), once per key press. */
    void toneReceived(Tone tone);

    /** No RTP arrived for the engine's media timeout. */
    void mediaTimeout();
}
