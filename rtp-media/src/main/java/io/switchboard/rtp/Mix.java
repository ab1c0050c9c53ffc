package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;

import java.nio.ByteBuffer;

/**
 * The pacer side of a {@link MediaMix}: its members and its prompt, mixed once per tick. Per tick, after every
 * member received what arrived: the prompt's next frame and each member's jitter-buffered frame go into one total
 * ({@link Mixer}), then each member sends the total minus its own contribution, in its own codec. The cost is
 * O(members) per tick and nothing is allocated.
 *
 * <p>Not thread-safe: confined to its pacer thread; every member stream is served by that same pacer.
 */
final class Mix {

    private static final System.Logger LOG = System.getLogger(Mix.class.getName());

    private final RtpStream[] members = new RtpStream[MediaMix.MAX_MEMBERS];
    private final Mixer mixer = new Mixer();
    private final Playback prompt = new Playback();
    private final int[] promptFrame = new int[Mixer.FRAME];
    private int size;
    private Runnable promptFinished;
    private RecordingTap promptTap;
    private boolean closed;

    /** Makes {@code stream} (already moved to this pacer) a member, unless the mix is closed or full. */
    void add(RtpStream stream) {
        if (closed || size == members.length) {
            return;
        }
        stream.leaveMix();
        stream.leg().mix(this);
        members[size++] = stream;
    }

    void remove(RtpStream stream) {
        for (int i = 0; i < size; i++) {
            if (members[i] == stream) {
                removeAt(i);
                return;
            }
        }
    }

    void play(MediaOperationId id, AudioClip clip, boolean loop, Runnable finished) {
        if (!closed) {
            prompt.replace(id, clip, null, null, loop);
            promptFinished = finished;
        }
    }

    void stop(MediaOperationId id) {
        prompt.stop(id);
    }

    /** From this tick on, the mix's prompt (or silence) goes to {@code tap}; replaces (releases) an earlier tap. */
    void record(RecordingTap tap) {
        stopRecording();
        promptTap = tap;
    }

    void stopRecording() {
        if (promptTap != null) {
            promptTap.release();
            promptTap = null;
        }
    }

    /** Stops the prompt and releases every member, which goes back to sending on its own. */
    void close() {
        closed = true;
        stopRecording();
        prompt.stopAny();
        while (size > 0) {
            removeAt(size - 1);
        }
    }

    int size() {
        return size;
    }

    void tick(int skippedTicks, ByteBuffer tx, long now) {
        if (size == 0 && !prompt.playing()) {
            return;
        }
        mixer.clear();
        MediaOperationId finished = null;
        boolean prompting = prompt.playing();
        if (prompting) {
            finished = prompt.readFrame(promptFrame);
            mixer.add(promptFrame);
        }
        if (promptTap != null) {
            promptTap.write(prompting ? promptFrame : Mixer.SILENCE, now, skippedTicks);
        }
        for (int i = 0; i < size; i++) {
            RtpStream member = members[i];
            if (!member.isOpen()) {
                removeAt(i--); // its stream failed and was closed by the pacer
                continue;
            }
            member.leg().contribute(mixer, member.muted());
        }
        for (int i = 0; i < size; i++) {
            members[i].paceMixed(skippedTicks, tx, mixer, now);
        }
        if (finished != null) {
            Runnable callback = promptFinished;
            promptFinished = null;
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "playbackFinished callback of a media mix threw", e);
            }
        }
    }

    private void removeAt(int index) {
        members[index].leg().mix(null);
        members[index] = members[--size];
        members[size] = null;
    }
}
