package io.switchboard.adapter.sip;

import io.switchboard.domain.media.AudioClip;

import java.net.InetSocketAddress;

/**
 * The RTP stream of one leg, as signalling drives it: a narrow view of the media engine's session so that the
 * signalling can be tested without RTP. Implementations are thread-safe and never block.
 */
interface LegMedia {

    int localPort();

    /** Starts sending and receiving once the remote SDP is known. */
    void start(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType);

    /** Follows a re-INVITE's new SDP. */
    void update(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType);

    void play(Object playbackId, AudioClip clip, boolean loop);

    void stop(Object playbackId);

    /** Releases the port; idempotent. */
    void close();
}
