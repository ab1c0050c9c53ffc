package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A conference bridge: the {@link MediaSession}s that {@linkplain MediaSession#join join} it hear each other and the
 * mix's prompts, never their own voice. Every 20 ms the mix decodes each member's latest frame from its jitter
 * buffer (PCMU or PCMA, members may differ), sums the unmuted members and the prompt once, and sends each member the
 * sum minus its own contribution, saturated to 16 bits and encoded in its codec: O(members) per tick.
 *
 * <p>A mix lives on one pacer thread of the engine, chosen when it is {@linkplain MediaEngine#openMix opened}; a
 * session that joins moves onto that pacer (its packet timing may shift once by up to 20 ms) and stays there after
 * it leaves. So the whole mix is computed on one thread without locks. A session that is not in a mix pays nothing.
 *
 * <p>Threading: thread-safe. Methods never block: they hand the work to the mix's pacer thread and return; it takes
 * effect on the next tick. Calls from one thread take effect in call order. The {@code finished} callbacks run on
 * the pacer thread and must return quickly, as {@link MediaListener}'s. After {@link #close()} every method does
 * nothing (a pending {@code finished} is not run) and {@link MediaSession#join} throws.
 *
 * <p>Errors: a {@code null} argument throws {@link NullPointerException} naming it.
 */
public final class MediaMix {

    /** Most members one mix holds: ample for a call's conference, and still cheap for one pacer tick. */
    public static final int MAX_MEMBERS = 32;

    private final Pacer pacer;
    private final Mix mix = new Mix();
    private final AtomicInteger members = new AtomicInteger();
    private final Consumer<MediaMix> onClose;
    private volatile boolean closed;

    MediaMix(Pacer pacer, Consumer<MediaMix> onClose) {
        this.pacer = pacer;
        this.onClose = onClose;
    }

    /**
     * Plays {@code clip} to every member from its start (a member joining later hears it from where it is), mixed
     * with the members' voices; replaces the mix's prompt in progress (the replaced one gets no callback).
     * {@code finished} runs once after the last frame of a non-looped prompt; a looped one plays until stopped or
     * replaced. A prompt played to one member ({@link MediaSession#play}) is independent of this one.
     */
    public void play(MediaOperationId playbackId, AudioClip clip, boolean loop, Runnable finished) {
        Objects.requireNonNull(playbackId, "playbackId");
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(finished, "finished");
        submit(() -> mix.play(playbackId, clip, loop, finished));
    }

    /** Stops the prompt {@code playbackId} within one packet time, without callback; ignored if it is not current. */
    public void stop(MediaOperationId playbackId) {
        Objects.requireNonNull(playbackId, "playbackId");
        submit(() -> mix.stop(playbackId));
    }

    /** Records the mix's prompts (silence when none plays) into {@code tap}, replacing an earlier tap. */
    public void record(RecordingTap tap) {
        Objects.requireNonNull(tap, "tap");
        submit(() -> mix.record(tap));
    }

    /** Records the mix's prompts no more. */
    public void stopRecording() {
        submit(mix::stopRecording);
    }

    /** Sessions that joined and have not left (or closed) yet, as seen by callers: includes joins still in flight. */
    public int members() {
        return members.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the prompt and dissolves the mix: its members go back to sending on their own (their own prompts,
     * else silence); idempotent. The sessions stay open.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        pacer.execute(() -> {
            mix.close();
            pacer.remove(mix);
        });
    }

    /** Counts a joining session in, or throws if the mix is full or closed. */
    void reserve() {
        if (closed) {
            throw new IllegalStateException("join: the media mix is closed");
        }
        if (members.incrementAndGet() > MAX_MEMBERS) {
            members.decrementAndGet();
            throw new IllegalStateException(
                    "join: the media mix is full (" + MAX_MEMBERS + " members, MediaMix.MAX_MEMBERS)");
        }
    }

    /** Counts a leaving session out. */
    void release() {
        members.decrementAndGet();
    }

    Pacer pacer() {
        return pacer;
    }

    Mix mix() {
        return mix;
    }

    private void submit(Runnable command) {
        if (!closed) {
            pacer.execute(command);
        }
    }

    @Override
    public String toString() {
        return "MediaMix[" + members.get() + " members" + (closed ? ", closed]" : "]");
    }
}
