package io.switchboard.adapter.sip;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.Tone;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Media without RTP: records what signalling asks of it and lets tests raise the engine's events. */
final class FakeLegMedia implements LegMedia {

    private static final AtomicInteger PORTS = new AtomicInteger(30_000);

    /** Opens fake media and remembers every stream opened. */
    static final class Factory implements LegMediaFactory {
        final List<FakeLegMedia> opened = new CopyOnWriteArrayList<>();
        final List<FakeCallMix> mixes = new CopyOnWriteArrayList<>();

        @Override
        public LegMedia open(LegMediaListener listener) {
            FakeLegMedia media = new FakeLegMedia(listener);
            opened.add(media);
            return media;
        }

        @Override
        public CallMix openMix() {
            FakeCallMix mix = new FakeCallMix("mix-" + mixes.size());
            mixes.add(mix);
            return mix;
        }

        FakeLegMedia last() {
            return opened.get(opened.size() - 1);
        }
    }

    final List<String> calls = new CopyOnWriteArrayList<>();
    final LegMediaListener listener;
    private final int port = PORTS.getAndAdd(2);

    private FakeLegMedia(LegMediaListener listener) {
        this.listener = listener;
    }

    @Override
    public int localPort() {
        return port;
    }

    @Override
    public void start(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        calls.add("start " + remote.getPort() + " " + payloadType + " " + telephoneEventPayloadType);
    }

    @Override
    public void update(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        calls.add("update " + remote.getPort() + " " + payloadType + " " + telephoneEventPayloadType);
    }

    @Override
    public void play(Object playbackId, AudioClip clip, boolean loop) {
        calls.add("play " + clip.key());
    }

    @Override
    public void stop(Object playbackId) {
        calls.add("stop");
    }

    @Override
    public void join(CallMix mix) {
        calls.add("join " + mix);
    }

    @Override
    public void leave() {
        calls.add("leave");
    }

    @Override
    public void mute(boolean muted) {
        calls.add(muted ? "mute" : "unmute");
    }

    @Override
    public void sendDtmf(List<Tone> tones, Runnable done) {
        calls.add("dtmf " + tones);
        done.run();
    }

    @Override
    public void close() {
        calls.add("close");
    }

    void tone(Tone tone) {
        listener.toneReceived(tone);
    }
}
