package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The RTP media of one call leg: a UDP port of the engine's range, G.711 (PCMU or PCMA) at 20 ms, RFC 4733 DTMF.
 * Once {@linkplain #start started} it sends a continuous stream (a clip, else silence) to the remote party, to the
 * source of its packets if they come from elsewhere (symmetric RTP, latched on the first packet after start/update).
 *
 * <p>In a conference the session {@linkplain #join joins} a {@link MediaMix}: it then hears the other members and the
 * mix's prompts instead of silence, and its own prompts ({@link #play}) mixed over them, heard by it alone.
 *
 * <p>Threading: thread-safe. Methods never block: they validate, hand the work to the session's pacer thread and
 * return; it takes effect on the next 20 ms tick. Calls made from one thread take effect in call order. Results
 * arrive on the {@link MediaListener} on the pacer thread. After {@link #close()} every method does nothing and no
 * callback follows (a pending {@code sendDtmf} {@code done} or {@code playbackFinished} is not delivered).
 *
 * <p>Errors: invalid arguments throw {@link IllegalArgumentException} naming the parameter.
 */
public final class MediaSession {

    private final RtpStream stream;
    private final EncodedClipCache cache;
    private final Consumer<MediaSession> unregister;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Codec codec = Codec.PCMU;
    private volatile int eventPayloadType = -1;
    private MediaMix mix; // guarded by this

    MediaSession(RtpStream stream, EncodedClipCache cache, Consumer<MediaSession> unregister) {
        this.stream = stream;
        this.cache = cache;
        this.unregister = unregister;
    }

    /** The local RTP port, even, to put in the SDP. */
    public int localPort() {
        return stream.localPort();
    }

    /**
     * Starts sending to {@code remote} and arms the media timeout. Calling it again acts as {@link #update}.
     *
     * @param payloadType               0 (PCMU) or 8 (PCMA)
     * @param telephoneEventPayloadType the negotiated telephone-event payload type (96-127 usually), -1 if none
     */
    public void start(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        Codec negotiated = validate(remote, payloadType, telephoneEventPayloadType);
        submit(() -> stream.start(remote, negotiated, telephoneEventPayloadType, System.nanoTime()));
    }

    /** Applies a new offer/answer (re-INVITE): same SSRC, sequence and timestamp space; latching starts afresh. */
    public void update(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        Codec negotiated = validate(remote, payloadType, telephoneEventPayloadType);
        submit(() -> stream.update(remote, negotiated, telephoneEventPayloadType));
    }

    /**
     * Joins {@code mix}, leaving the mix it is in, if another: from the next tick the session hears the other members
     * and the mix's prompt, and they hear it (unless {@linkplain #setMuted muted}). A prompt of its own keeps
     * playing, mixed over the conference and heard by this session only. Sent DTMF and received DTMF
     * ({@link MediaListener#toneReceived}) work as before. The session moves onto the mix's pacer thread (its packet
     * timing may shift once by up to 20 ms). Joining the mix it is in does nothing.
     *
     * @throws IllegalStateException if the mix already has {@link MediaMix#MAX_MEMBERS} members or is closed
     */
    public synchronized void join(MediaMix mix) {
        Objects.requireNonNull(mix, "mix");
        if (closed.get() || (this.mix == mix && !mix.isClosed())) {
            return;
        }
        mix.reserve();
        if (this.mix != null) {
            this.mix.release();
        }
        this.mix = mix;
        Pacer pacer = mix.pacer();
        Mix target = mix.mix();
        // In order, from the stream's mailbox: leave the old mix on its pacer, move, then join on the new pacer.
        stream.enqueue(stream::leaveMix);
        stream.enqueue(() -> stream.moveTo(pacer));
        stream.enqueue(() -> target.add(stream));
    }

    /**
     * Leaves the mix: from the next tick the session sends on its own again (its own prompt, else silence). It stays
     * on the mix's pacer thread. Does nothing if it is in no mix.
     */
    public synchronized void leave() {
        if (mix == null) {
            return;
        }
        mix.release();
        mix = null;
        submit(stream::leaveMix);
    }

    /**
     * Muted, the session's received audio no longer enters its mix (the others stop hearing it); it still hears
     * them. Kept across joins; has no effect outside a mix (DTMF is still reported).
     */
    public void setMuted(boolean muted) {
        submit(() -> stream.muted(muted));
    }

    /**
     * Records this session from the next tick on: what the remote party says goes to {@code voice}, what it hears of
     * its own prompts ({@link #play}) to {@code heard}; a mix's prompt is recorded by the mix ({@link MediaMix#record}).
     * Replaces the taps given before; {@link #stopRecording} or {@link #close} releases them. A muted party is
     * recorded silent, as the others hear it.
     */
    public void record(RecordingTap voice, RecordingTap heard) {
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(heard, "heard");
        submit(() -> stream.record(voice, heard));
    }

    /** Feeds no recording from the next tick on. */
    public void stopRecording() {
        submit(stream::stopRecording);
    }

    /**
     * From the next tick on, what the remote party says (muted or not) also goes to {@code listener}, replacing an
     * earlier one; {@link #close} or {@link VoiceListener#close} ends it.
     */
    public void listen(VoiceListener listener) {
        Objects.requireNonNull(listener, "listener");
        submit(() -> stream.listen(listener.tap()));
    }

    /**
     * Plays {@code clip} from its start, replacing any playback in progress (the replaced one gets no callback).
     * Encodes the clip on the calling thread unless the engine's cache already holds it. A non-looped playback ends
     * with {@link MediaListener#playbackFinished}; a looped one plays until stopped or replaced.
     */
    public void play(MediaOperationId playbackId, AudioClip clip, boolean loop) {
        Objects.requireNonNull(playbackId, "playbackId");
        Objects.requireNonNull(clip, "clip");
        if (closed.get()) {
            return;
        }
        Codec current = codec;
        byte[] frames = cache.encoded(clip, current);
        submit(() -> stream.play(playbackId, clip, frames, current, loop));
    }

    /** Stops the playback {@code playbackId} within one packet time, without callback; ignored if it is not current. */
    public void stop(MediaOperationId playbackId) {
        Objects.requireNonNull(playbackId, "playbackId");
        submit(() -> stream.stop(playbackId));
    }

    /**
     * From the next tick on, mixes what {@code source} gives over what the remote party hears (its own prompt, or
     * the conference), one frame per tick, until {@link #stopFeed} or {@link #close}; replaces an earlier source.
     */
    public void feed(FrameSource source) {
        Objects.requireNonNull(source, "source");
        submit(() -> stream.feed(source));
    }

    /** Stops feeding {@code source}, if it is the current one. */
    public void stopFeed(FrameSource source) {
        Objects.requireNonNull(source, "source");
        submit(() -> stream.stopFeed(source));
    }

    /**
     * Sends the tones as RFC 4733 events (100 ms each, 60 ms apart), after any tones queued before. Audio and
     * playback pause while an event is sent. {@code done} runs on the pacer thread after the last end packet.
     *
     * @throws IllegalStateException if the last start/update negotiated no telephone-event payload type
     */
    public void sendDtmf(List<Tone> tones, Runnable done) {
        List<Tone> copy = List.copyOf(tones);
        Objects.requireNonNull(done, "done");
        if (eventPayloadType < 0 && !closed.get()) {
            throw new IllegalStateException("sendDtmf: no telephone-event payload type negotiated (start/update)");
        }
        submit(() -> stream.sendDtmf(copy, done));
    }

    /** Stops the stream, leaves its mix and releases the port; idempotent. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stream.markClosed();
        unregister.accept(this);
        synchronized (this) {
            if (mix != null) {
                mix.release();
                mix = null;
            }
        }
        stream.enqueue(() -> {
            stream.leaveMix();
            stream.closeChannel(); // the pacer then drops the stream
        });
    }

    /** The stream's interarrival jitter now, in seconds (see {@link MediaEngine#maxJitterSeconds}). Any thread. */
    double jitterSeconds() {
        return stream.jitterSeconds();
    }

    boolean isClosed() {
        return closed.get();
    }

    private Codec validate(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
        Objects.requireNonNull(remote, "remote");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("remote: " + remote + " (expected: a resolved address)");
        }
        Codec negotiated = Codec.ofPayloadType(payloadType);
        if (telephoneEventPayloadType != -1
                && (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127)) {
            throw new IllegalArgumentException("telephoneEventPayloadType: " + telephoneEventPayloadType
                    + " (expected: -1 or a dynamic payload type 96-127)");
        }
        codec = negotiated;
        eventPayloadType = telephoneEventPayloadType;
        return negotiated;
    }

    private void submit(Runnable command) {
        if (!closed.get()) {
            stream.enqueue(command);
        }
    }

    @Override
    public String toString() {
        return "MediaSession[port " + localPort() + (closed.get() ? ", closed]" : "]");
    }
}
