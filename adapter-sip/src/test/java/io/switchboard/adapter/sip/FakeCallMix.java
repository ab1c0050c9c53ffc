package io.switchboard.adapter.sip;

import io.switchboard.domain.media.AudioClip;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A mix without RTP: records what signalling asks of it and lets tests finish its prompt. */
final class FakeCallMix implements CallMix {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final String name;
    private volatile Runnable finished;

    FakeCallMix(String name) {
        this.name = name;
    }

    @Override
    public void play(Object playbackId, AudioClip clip, boolean loop, Runnable finished) {
        calls.add("play " + clip.key());
        this.finished = finished;
    }

    @Override
    public void stop(Object playbackId) {
        calls.add("stop");
        finished = null;
    }

    @Override
    public void close() {
        calls.add("close");
        finished = null;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The engine sent the prompt's last frame: runs its callback as a pacer thread would. */
    void finishPrompt() {
        Runnable callback = finished;
        finished = null;
        if (callback != null) {
            callback.run();
        }
    }
}
