package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The RTP of one session (RFC 3550/3551, G.711 at 20 ms): one packet per pacer tick (audio, silence or an RFC 4733
 * event), and everything received. Random SSRC, initial sequence number and timestamp; marker on the first packet.
 * Strict RTP: the peer is the address it signalled (SDP) until another source is learned, which takes
 * {@value #LEARN_PACKETS} consecutive packets in sequence from it (symmetric RTP behind NAT; only if learning is
 * allowed); from then on, and until the next start/update, packets from any other source (audio and RFC 4733 events)
 * are dropped and counted, so a stray or hostile sender can neither inject key presses nor take the outgoing audio.
 *
 * <p>Commands of its session queue up in the stream's own mailbox ({@link #enqueue}), which whichever pacer owns the
 * stream drains at the stream's turn in a tick: so the commands of one session keep their order even while the
 * stream moves to the pacer of a {@link Mix} it joins. It receives as its pacer's selector reports a datagram
 * ({@link #readOne}); as a member of a mix its audio goes into the {@link MixLeg}'s jitter buffer and the mix sends
 * its packet ({@link #paceMixed}).
 *
 * <p>Not thread-safe: confined to its pacer thread, except {@link #markClosed()} and {@link #enqueue}.
 */
final class RtpStream {

    private static final System.Logger LOG = System.getLogger(RtpStream.class.getName());
    /**
     * Bounds the work one flooding peer can cause per tick on a socket no selector watches (read every tick); a
     * watched one is read a datagram at a time as its selector reports it.
     */
    private static final int MAX_READS_PER_TICK = 32;
    /** Consecutive packets in sequence a source other than the signalled one must send to be learned. */
    static final int LEARN_PACKETS = 4;
    /** How often, in ticks, a stream adds its packet counts to the engine's totals (and when it closes). */
    static final int FLUSH_TICKS = 50;

    private final DatagramChannel channel;
    private final int localPort;
    private final MediaListener listener;
    private final EncodedClipCache cache;
    private final long timeoutNanos;
    private final Runnable onClosed;
    private final boolean learnSource;
    private final MediaTotals totals;
    private final Reception reception = new Reception();
    private final Playback playback = new Playback();
    private final DtmfSender dtmfSender = new DtmfSender();
    /** Whether {@link #dtmfSender} has work: the pacer's; most ticks of most streams then do not touch it. */
    private boolean dtmfBusy;
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /** Set after a command is queued, cleared by the pacer before it takes them: may be set with none left. */
    private volatile boolean commandsPending;
    private final int ssrc;
    private Pacer owner;
    /** Its registration with the owning pacer's selector, which tells when something arrived. */
    private SelectionKey key;
    private MixLeg leg;
    private boolean muted;
    private int sequence;
    private int clock;
    private volatile boolean closed;
    private boolean started;
    private boolean firstPacket = true;
    private boolean latched;
    private InetSocketAddress candidate;
    private int candidateSequence;
    private int candidateRun;
    private boolean timedOut;
    private boolean sendFailureLogged;
    private InetSocketAddress remote;
    private Codec codec = Codec.PCMU;
    private int eventPayloadType = -1;
    private long lastReceivedNanos;
    private long droppedPackets;
    private long sentPackets;
    private long receivedPackets;
    private long sentFlushed;
    private long receivedFlushed;
    private long lostFlushed;
    private int ticksToFlush = FLUSH_TICKS;
    /** The recording of what the remote party says, and of what it hears of its own prompts; null if none. */
    private RecordingTap voiceTap;
    private RecordingTap heardTap;
    /** What the remote party says, for a listener (speech recognition); null if none. Hears it even when muted. */
    private RecordingTap listenTap;
    private int[] tapFrame;
    /** Audio fed into what the remote party hears, mixed over its prompt; null if none. */
    private FrameSource feed;
    private short[] fedFrame;
    private int[] fedMix;
    /** Encodes the fed frame outside a mix: its total stays silent, so it renders what it is given. */
    private Mixer solo;

    RtpStream(DatagramChannel channel, int localPort, MediaListener listener, EncodedClipCache cache,
              long timeoutNanos, RandomGenerator random, Runnable onClosed, boolean learnSource,
              MediaTotals totals) {
        this.learnSource = learnSource;
        this.totals = totals;
        this.channel = channel;
        this.localPort = localPort;
        this.listener = listener;
        this.cache = cache;
        this.timeoutNanos = timeoutNanos;
        this.onClosed = onClosed;
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(0x10000);
        this.clock = random.nextInt();
    }

    int localPort() {
        return localPort;
    }

    void start(InetSocketAddress remote, Codec codec, int eventPayloadType, long now) {
        if (!started) {
            started = true;
            lastReceivedNanos = now;
        }
        update(remote, codec, eventPayloadType);
    }

    void update(InetSocketAddress remote, Codec codec, int eventPayloadType) {
        this.remote = remote;
        this.codec = codec;
        this.eventPayloadType = eventPayloadType;
        this.latched = false;
        this.candidate = null;
    }

    void play(MediaOperationId id, AudioClip clip, byte[] frames, Codec framesCodec, boolean loop) {
        playback.replace(id, clip, frames, framesCodec, loop);
    }

    void stop(MediaOperationId id) {
        playback.stop(id);
    }

    /** From this tick on, what {@code source} gives is mixed over what the party hears; replaces an earlier one. */
    void feed(FrameSource source) {
        feed = source;
        if (fedFrame == null) {
            fedFrame = new short[Codec.FRAME_BYTES];
            fedMix = new int[Codec.FRAME_BYTES];
            solo = new Mixer();
        }
    }

    /** Stops the feed, if it is {@code source}. */
    void stopFeed(FrameSource source) {
        if (feed == source) {
            feed = null;
        }
    }

    void sendDtmf(List<Tone> tones, Runnable done) {
        if (tones.isEmpty()) {
            notifySafely(done);
        } else {
            dtmfSender.add(tones, done);
            dtmfBusy = true;
        }
    }

    /**
     * From this tick on, what the remote party says goes to {@code voice} and what it hears of its own prompts (or
     * silence) to {@code heard}; replaces (releases) the taps of an earlier call. A muted party is recorded silent.
     */
    void record(RecordingTap voice, RecordingTap heard) {
        stopRecording();
        voiceTap = voice;
        heardTap = heard;
        if (tapFrame == null) {
            tapFrame = new int[Codec.FRAME_BYTES];
        }
    }

    /** From this tick on, what the remote party says also goes to {@code tap}; replaces (releases) an earlier one. */
    void listen(RecordingTap tap) {
        stopListening();
        listenTap = tap;
        if (tapFrame == null) {
            tapFrame = new int[Codec.FRAME_BYTES];
        }
    }

    /** Feeds no listener any more. */
    void stopListening() {
        if (listenTap != null) {
            listenTap.release();
            listenTap = null;
        }
    }

    /** Feeds no recording any more. */
    void stopRecording() {
        if (voiceTap != null) {
            voiceTap.release();
            heardTap.release();
            voiceTap = null;
            heardTap = null;
        }
    }

    /** Any thread: runs {@code command} on the owning pacer at this stream's next turn, after those queued before. */
    void enqueue(Runnable command) {
        commands.add(command);
        commandsPending = true;
    }

    /**
     * Runs the queued commands on {@code current}, the pacer serving this stream; stops early when a command hands
     * the stream to another pacer ({@link #moveTo}), leaving the rest for that one.
     *
     * @return {@code false} if the stream now belongs to another pacer
     */
    boolean runCommands(Pacer current) {
        if (!commandsPending) {
            return true; // the common case: no look into the queue (another object, a cache miss per stream)
        }
        commandsPending = false; // before polling: a command queued meanwhile sets it again
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "media command of RTP port " + localPort + " failed", e);
            }
            if (owner != current) {
                commandsPending = true; // the rest for the new pacer
                return false;
            }
        }
        return true;
    }

    Pacer owner() {
        return owner;
    }

    /** On the owning pacer: from now on {@code pacer} serves this stream (see {@link Pacer#adopt}). */
    void moveTo(Pacer pacer) {
        owner = pacer;
    }

    /**
     * On the pacer taking the stream: its selector reports from now on when something arrives. A key of this
     * selector cancelled but not yet flushed (the stream left and came back between two selections) is flushed first.
     */
    void watch(Selector selector, Consumer<SelectionKey> onReady) throws IOException {
        SelectionKey old = channel.keyFor(selector);
        if (old != null && !old.isValid()) {
            selector.selectNow(onReady);
        }
        try {
            key = channel.register(selector, SelectionKey.OP_READ, this);
        } catch (ClosedChannelException | CancelledKeyException e) {
            key = null; // closed meanwhile: the pacer drops it at its turn
        }
    }

    /** On the pacer letting the stream go: its selector no longer watches the socket. */
    void unwatch() {
        if (key != null) {
            key.cancel();
            key = null;
        }
    }

    /**
     * The selector saw something arrive: reads one datagram, at {@code now}. More waiting is reported by the next
     * selection, so the socket is never read to find it empty: an idle line costs no read at all, a talking one a read
     * per packet.
     *
     * @return whether it read (not while closed, nor while commands wait for the stream's turn)
     */
    boolean readOne(long now, ByteBuffer rx) {
        if (closed || commandsPending) {
            return false; // left in the socket until its commands (a start, a new peer) ran at the stream's turn
        }
        receiveOne(now, rx);
        return true;
    }

    void muted(boolean muted) {
        this.muted = muted;
    }

    boolean muted() {
        return muted;
    }

    /** The mix state, created on first use. */
    MixLeg leg() {
        if (leg == null) {
            leg = new MixLeg();
        }
        return leg;
    }

    /** Leaves the mix this stream is a member of, if any. */
    void leaveMix() {
        if (leg != null && leg.mix() != null) {
            leg.mix().remove(this);
        }
    }

    private boolean mixed() {
        return leg != null && leg.mix() != null;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Any thread: no more packets or callbacks from the next tick on. */
    void markClosed() {
        closed = true;
    }

    /** Closes the socket and releases its port; idempotent. */
    void closeChannel() {
        stopListening();
        closed = true;
        stopRecording();
        if (!channel.isOpen()) {
            return;
        }
        flushCounts();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing RTP port " + localPort + " failed", e);
        }
        onClosed.run();
    }

    /**
     * The interarrival jitter of what the peer sends, in seconds, as the pacer sees it: it reads a leg at its next
     * selection, so a packet's arrival is known to a 2 ms slot. Any thread: a moment's value.
     */
    double jitterSeconds() {
        return reception.jitterSeconds();
    }

    /** Adds the packets counted since the last time to the engine's totals. */
    private void flushCounts() {
        ticksToFlush = FLUSH_TICKS;
        totals.sent.add(sentPackets - sentFlushed);
        sentFlushed = sentPackets;
        totals.received.add(receivedPackets - receivedFlushed);
        receivedFlushed = receivedPackets;
        long lost = reception.lost();
        if (lost > lostFlushed) { // a late packet lowers the count again: a counter never goes back
            totals.lost.add(lost - lostFlushed);
            lostFlushed = lost;
        }
    }

    /** One tick: read what arrived, send one packet (unless a mix sends it), check the media timeout. */
    void pace(long now, int skippedTicks, ByteBuffer tx, ByteBuffer rx) {
        if (closed) {
            return;
        }
        receive(now, rx);
        if (--ticksToFlush <= 0) {
            flushCounts();
        }
        if (!started) {
            return;
        }
        if (!mixed()) {
            clock += skippedTicks * Codec.FRAME_BYTES;
            send(tx, null, now, skippedTicks);
            clock += Codec.FRAME_BYTES;
            if (voiceTap != null || listenTap != null) {
                recordVoice(leg().jitter().poll(tapFrame) ? tapFrame : Mixer.SILENCE, now, skippedTicks);
            }
        }
        if (!timedOut && now - lastReceivedNanos > timeoutNanos) {
            timedOut = true;
            notifySafely(listener::mediaTimeout);
        }
    }

    /** One tick as a member of a mix, after {@link MixLeg#contribute}: sends what this member hears. */
    void paceMixed(int skippedTicks, ByteBuffer tx, Mixer mixer, long now) {
        if (closed || !started) {
            return;
        }
        clock += skippedTicks * Codec.FRAME_BYTES;
        send(tx, mixer, now, skippedTicks);
        clock += Codec.FRAME_BYTES;
        if (voiceTap != null || listenTap != null) {
            recordVoice(leg.received(), now, skippedTicks);
        }
    }

    private void recordVoice(int[] frame, long now, int skippedTicks) {
        if (listenTap != null) {
            listenTap.write(frame, now, skippedTicks);
        }
        if (voiceTap == null) {
            return;
        }
        if (muted) {
            voiceTap.writeSilence(now, skippedTicks);
        } else {
            voiceTap.write(frame, now, skippedTicks);
        }
    }

    private void send(ByteBuffer tx, Mixer mixer, long now, int skippedTicks) {
        MediaOperationId finished = null;
        boolean event = eventPayloadType >= 0 && dtmfBusy && dtmfSender.next(clock);
        tx.clear();
        if (event) {
            // RFC 4733 §2.5: same SSRC and sequence space as the audio; audio is held back while an event is sent.
            RtpPacket.writeHeader(tx, dtmfSender.marker(), eventPayloadType, sequence, dtmfSender.timestamp(), ssrc);
            TelephoneEvent.write(tx, RtpPacket.HEADER_BYTES, dtmfSender.event(), dtmfSender.end(),
                    TelephoneEvent.DEFAULT_VOLUME, dtmfSender.duration());
            tx.limit(RtpPacket.HEADER_BYTES + TelephoneEvent.PAYLOAD_BYTES);
        } else {
            RtpPacket.writeHeader(tx, firstPacket, codec.payloadType(), sequence, clock, ssrc);
            tx.position(RtpPacket.HEADER_BYTES);
            short[] fed = feed != null && fed(skippedTicks) ? fedFrame : null;
            finished = mixer != null ? leg.writeMixed(tx, codec, playback, mixer, fed)
                    : fed != null ? writeFed(tx, fed) : playback.writeFrame(tx, codec, cache);
            tx.flip();
        }
        if (heardTap != null) {
            recordHeard(event, mixer != null, now, skippedTicks, tx);
        }
        firstPacket = false;
        sequence = (sequence + 1) & 0xFFFF;
        transmit(tx);
        if (event) {
            dtmfSender.sent();
            Runnable done = dtmfSender.completed();
            if (done != null) {
                notifySafely(done);
            }
        } else if (dtmfBusy) {
            dtmfBusy = !dtmfSender.idle();
        }
        if (finished != null) {
            playbackFinished(finished);
        }
    }

    /**
     * The next fed frame into {@link #fedFrame}: live audio stays in real time, so the frames of ticks the pacer
     * skipped are dropped first (a clip, by contrast, resumes where it was).
     */
    private boolean fed(int skippedTicks) {
        for (int i = 0; i < skippedTicks; i++) {
            feed.next(fedFrame);
        }
        return feed.next(fedFrame);
    }

    /** Writes the prompt's frame, if one plays, with {@code fed} mixed over it; returns a playback that ended. */
    private MediaOperationId writeFed(ByteBuffer tx, short[] fed) {
        MediaOperationId finished = null;
        if (playback.playing()) {
            finished = playback.readFrame(fedMix);
        } else {
            java.util.Arrays.fill(fedMix, 0);
        }
        for (int i = 0; i < Codec.FRAME_BYTES; i++) {
            fedMix[i] += fed[i];
        }
        tx.put(solo.render(Mixer.SILENCE, fedMix, codec));
        return finished;
    }

    /** What the party hears of its own prompt: the frame sent, or in a mix the prompt alone; silence during DTMF. */
    private void recordHeard(boolean event, boolean inMix, long now, int skippedTicks, ByteBuffer tx) {
        if (event) {
            heardTap.writeSilence(now, skippedTicks);
        } else if (inMix) {
            heardTap.write(leg.prompt(), now, skippedTicks);
        } else {
            heardTap.writeEncoded(tx, RtpPacket.HEADER_BYTES, codec, now, skippedTicks);
        }
    }

    private void transmit(ByteBuffer tx) {
        try {
            if (channel.send(tx, remote) == 0) {
                droppedPackets++; // socket buffer full: RTP is loss-tolerant, a late packet is worse than none
            } else {
                sentPackets++;
            }
        } catch (IOException e) {
            droppedPackets++;
            if (!sendFailureLogged) {
                sendFailureLogged = true;
                LOG.log(System.Logger.Level.WARNING, "RTP send from port " + localPort + " to " + remote
                        + " failed (logged once per session)", e);
            }
        }
    }

    /** At its turn, a stream no selector watches reads what waits (a watched one was read as it arrived). */
    private void receive(long now, ByteBuffer rx) {
        if (key != null) {
            return;
        }
        for (int i = 0; i < MAX_READS_PER_TICK && receiveOne(now, rx); i++) {
            // each read handled the datagram it got
        }
    }

    /** Reads and handles one datagram; false if none was waiting (or the socket reported an error). */
    private boolean receiveOne(long now, ByteBuffer rx) {
        rx.clear();
        SocketAddress from;
        try {
            from = channel.receive(rx);
        } catch (IOException e) {
            return false; // e.g. an ICMP error reported on this socket: nothing to read now
        }
        if (from == null) {
            return false;
        }
        int length = rx.position();
        if (started && RtpPacket.isRtp(rx, length)) {
            onRtp(now, (InetSocketAddress) from, rx, length);
        }
        return true;
    }

    private void onRtp(long now, InetSocketAddress from, ByteBuffer rx, int length) {
        if (!heard(from, RtpPacket.sequence(rx))) {
            totals.foreign.increment();
            return;
        }
        lastReceivedNanos = now;
        receivedPackets++;
        int payloadType = RtpPacket.payloadType(rx);
        reception.packet(RtpPacket.sequence(rx), RtpPacket.timestamp(rx), now, payloadType == codec.payloadType());
        if (payloadType == codec.payloadType() && (mixed() || voiceTap != null || listenTap != null)) {
            leg().jitter().offer(RtpPacket.sequence(rx), rx, RtpPacket.payloadOffset(rx, length),
                    RtpPacket.payloadLength(rx, length), codec);
            return;
        }
        if (payloadType != eventPayloadType) {
            return;
        }
        int offset = RtpPacket.payloadOffset(rx, length);
        if (RtpPacket.payloadLength(rx, length) < TelephoneEvent.PAYLOAD_BYTES) {
            return;
        }
        Tone tone = dtmfReceiver.onEvent(RtpPacket.ssrc(rx), RtpPacket.timestamp(rx), TelephoneEvent.event(rx, offset));
        if (tone != null) {
            try {
                listener.toneReceived(tone);
            } catch (RuntimeException e) {
                logListenerFailure(e);
            }
        }
    }

    /** Strict RTP: whether a packet from {@code from} is the peer's, learning a new source if it has earned it. */
    private boolean heard(InetSocketAddress from, int sequence) {
        if (latched) {
            return from.equals(remote);
        }
        if (from.equals(remote)) {
            latched = true;
            return true;
        }
        if (!learnSource) {
            return false;
        }
        if (from.equals(candidate) && sequence == ((candidateSequence + 1) & 0xFFFF)) {
            candidateRun++;
        } else {
            candidate = from;
            candidateRun = 1;
        }
        candidateSequence = sequence;
        if (candidateRun < LEARN_PACKETS) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "RTP port {0}: learned {1} after {2} packets in sequence (signalled {3})",
                localPort, from, LEARN_PACKETS, remote);
        remote = from;
        latched = true;
        candidate = null;
        return true;
    }

    private void playbackFinished(MediaOperationId id) {
        try {
            listener.playbackFinished(id);
        } catch (RuntimeException e) {
            logListenerFailure(e);
        }
    }

    private void notifySafely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            logListenerFailure(e);
        }
    }

    private void logListenerFailure(RuntimeException e) {
        // The pacer serves other calls: a failing callback is reported but must not stop it.
        LOG.log(System.Logger.Level.WARNING, "media callback of RTP port " + localPort + " threw", e);
    }

    long droppedPackets() {
        return droppedPackets;
    }
}
