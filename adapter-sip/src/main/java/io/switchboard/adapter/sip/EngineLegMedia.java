package io.switchboard.adapter.sip;

import java.util.List;

import io.switchboard.adapter.sip.media.MediaEngine;
import io.switchboard.adapter.sip.media.MediaListener;
import io.switchboard.adapter.sip.media.MediaSession;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Tone;

import java.io.IOException;
import java.net.InetSocketAddress;

/** {@link LegMedia} on the RTP media engine: one {@link MediaSession} per leg. Thread-safe, as the session is. */
final class EngineLegMedia implements LegMedia {

    private final MediaSession session;

    private EngineLegMedia(MediaSession session) {
        this.session = session;
    }

    /** Opens legs' media and calls' mixes on the engine. */
    static LegMediaFactory factory(MediaEngine engine) {
        return new LegMediaFactory() {
            @Override
            public LegMedia open(LegMediaListener listener) throws IOException {
                return new EngineLegMedia(engine.open(forward(listener)));
            }

            @Override
            public CallMix openMix() {
                return new EngineCallMix(engine.openMix());
            }
        };
    }

    private static MediaListener forward(LegMediaListener listener) {
        return new MediaListener() {
            @Override
            public void playbackFinished(Object playbackId) {
                listener.playbackFinished(playbackId);
            }

            @Override
            public void toneReceived(Tone tone) {
                listener.toneReceived(tone);
            }

            @Override
            public void mediaTimeout() {
                listener.mediaTimeout();
            }
        };
    }

    @Override
    public int localPort() {
        return session.localPort();
    }

    @Override
    public void start(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        session.start(remote, payloadType, telephoneEventPayloadType);
    }

    @Override
    public void update(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        session.update(remote, payloadType, telephoneEventPayloadType);
    }

    @Override
    public void play(Object playbackId, AudioClip clip, boolean loop) {
        session.play(playbackId, clip, loop);
    }

    @Override
    public void stop(Object playbackId) {
        session.stop(playbackId);
    }

    @Override
    public void join(CallMix mix) {
        if (!(mix instanceof EngineCallMix engineMix)) {
            throw new IllegalArgumentException("mix: " + mix + " (expected: a mix of the same media engine)");
        }
        session.join(engineMix.mix());
    }

    @Override
    public void leave() {
        session.leave();
    }

    @Override
    public void mute(boolean muted) {
        session.setMuted(muted);
    }

    @Override
    public void sendDtmf(List<Tone> tones, Runnable done) {
        session.sendDtmf(tones, done);
    }

    @Override
    public void close() {
        session.close();
    }
}
