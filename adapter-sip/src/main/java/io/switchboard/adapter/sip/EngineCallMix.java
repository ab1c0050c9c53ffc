package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.media.MediaMix;
import io.switchboard.domain.media.AudioClip;

/** {@link CallMix} on the RTP media engine's {@link MediaMix}. Thread-safe, as the mix is. */
record EngineCallMix(MediaMix mix) implements CallMix {

    @Override
    public void play(Object playbackId, AudioClip clip, boolean loop, Runnable finished) {
        mix.play(playbackId, clip, loop, finished);
    }

    @Override
    public void stop(Object playbackId) {
        mix.stop(playbackId);
    }

    @Override
    public void close() {
        mix.close();
    }
}
