package io.switchboard.adapter.sip;

import io.switchboard.domain.media.Tone;

import java.util.List;

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

    /**
     * Joins the call's mix: from the next packet time the leg hears the other members and the mix's prompt; its own
     * prompt ({@link #play}) keeps playing over them, to it alone.
     *
     * @throws IllegalStateException if the mix is full or closed
     */
    void join(CallMix mix);

    /** Leaves the mix it is in, if any: it sends on its own again (its own prompt, else silence). */
    void leave();

    /** Muted, what the leg says no longer reaches the other members of its mix; it still hears them. */
    void mute(boolean muted);

    /**
     * Sends the tones as RFC 4733 events; {@code done} runs on a media thread after the last end packet.
     *
     * @throws IllegalStateException if the peer negotiated no telephone-event payload type
     */
    void sendDtmf(List<Tone> tones, Runnable done);

    /** Releases the port; idempotent. */
    void close();
}
