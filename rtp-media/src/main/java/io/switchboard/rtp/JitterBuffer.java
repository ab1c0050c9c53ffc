package io.switchboard.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The receive side of one mixed leg: G.711 frames of 20 ms put back in RTP sequence order and handed out one per
 * pacer tick as linear PCM.
 *
 * <ul>
 *   <li>Depth: playout starts once {@value #START_DEPTH} frames (40 ms) are held ({@value #TAP_DEPTH} for a leg in no
 *       conference, heard by its taps only), again after every underrun; it
 *       holds at most {@value #MAX_DEPTH} frames (100 ms). A packet more than that ahead of playout makes room by
 *       dropping the oldest frames, so latency never grows beyond the bound. Adaptive: a packet arriving after its
 *       turn raises the start depth by one (up to {@code MAX_DEPTH - 1}); a second ({@value #WINDOW_TICKS} ticks)
 *       in which the buffer never fell below start depth + 1 drops one frame, so latency shrinks back after a burst;
 *       ten quiet seconds lower the start depth again.</li>
 *   <li>Late (behind playout) and duplicate packets are dropped. A jump of {@value #RESET_GAP} sequence numbers or
 *       more either way is a restarted stream (new SSRC, re-INVITE): the buffer starts afresh.</li>
 *   <li>Loss concealment (a missing frame at its turn, or an underrun): the first lost frame repeats the last one at
 *       half amplitude (-6 dB), the second fades it from a quarter to zero, then silence.</li>
 * </ul>
 *
 * <p>Expects 20 ms packets (what the engine negotiates): a longer payload is cut to 160 samples, a shorter one is
 * padded with silence. All storage is allocated once; nothing is allocated per packet.
 *
 * <p>Not thread-safe: confined to the pacer thread of its mix.
 */
final class JitterBuffer {

    static final int START_DEPTH = 2;
    /**
     * The start depth of a leg heard by no conference, only by its taps (a recording, a recognition, a media
     * stream): a frame goes on at the first tick after it arrived, for the lowest latency; late packets still raise it.
     */
    static final int TAP_DEPTH = 1;
    static final int MAX_DEPTH = 5;
    static final int RESET_GAP = 50;
    static final int WINDOW_TICKS = 50;
    private static final int SLOTS = 8; // a power of two >= MAX_DEPTH: slot = seq & (SLOTS - 1)
    private static final int FRAME = Codec.FRAME_BYTES;
    private static final int QUIET_WINDOWS_TO_LOWER = 10;

    private final short[][] frames = new short[SLOTS][FRAME];
    private final int[] slotSequence = new int[SLOTS];
    private final boolean[] filled = new boolean[SLOTS];
    private final short[] last = new short[FRAME];
    private int count;
    private int next;
    private boolean playing;
    private int lossRun = Integer.MAX_VALUE / 2; // nothing to conceal before the first frame
    private int floor = START_DEPTH;
    private int target = START_DEPTH;
    private int windowTicks;
    private int windowMin = Integer.MAX_VALUE;
    private boolean lateInWindow;
    private int quietWindows;
    private long late;
    private long duplicates;
    private long overflows;

    /** Files the payload of the RTP packet with sequence number {@code sequence}, decoded with {@code codec}. */
    void offer(int sequence, ByteBuffer packet, int offset, int length, Codec codec) {
        int seq = sequence & 0xFFFF;
        if (!playing && count == 0) {
            next = seq; // (re)start playout at the first packet after an underrun
        }
        int ahead = (short) (seq - next); // RFC 3550 serial-number arithmetic over 16 bits
        if (ahead <= -RESET_GAP || ahead >= RESET_GAP) {
            reset(seq);
            ahead = 0;
        } else if (ahead < 0) {
            late++;
            if (playing) {
                lateInWindow = true;
                target = Math.min(target + 1, MAX_DEPTH - 1);
            }
            return;
        }
        int slot = seq & (SLOTS - 1);
        if (filled[slot] && slotSequence[slot] == seq) {
            duplicates++;
            return;
        }
        for (; ahead >= MAX_DEPTH; ahead--) {
            dropOldest();
            overflows++;
        }
        decode(packet, offset, length, codec, frames[slot]);
        slotSequence[slot] = seq;
        filled[slot] = true;
        count++;
    }

    /**
     * Writes this tick's frame into {@code out} (160 samples): the next frame in sequence, a concealment, or
     * silence.
     *
     * @return {@code false} if {@code out} is all silence, so a mixer may skip it
     */
    boolean poll(int[] out) {
        adapt();
        if (!playing) {
            if (count < target) {
                return conceal(out);
            }
            playing = true;
            for (int i = 0; i < MAX_DEPTH && !filled[next & (SLOTS - 1)]; i++) {
                next = (next + 1) & 0xFFFF; // start at the oldest frame held (held frames lie within MAX_DEPTH)
            }
        }
        int slot = next & (SLOTS - 1);
        next = (next + 1) & 0xFFFF;
        if (!filled[slot]) {
            if (count == 0) {
                playing = false; // underrun: build up the start depth again before playing on
            }
            return conceal(out);
        }
        short[] frame = frames[slot];
        for (int i = 0; i < FRAME; i++) {
            out[i] = frame[i];
        }
        System.arraycopy(frame, 0, last, 0, FRAME);
        filled[slot] = false;
        count--;
        lossRun = 0;
        return true;
    }

    /**
     * The lowest start depth from now on ({@link #START_DEPTH} in a conference, {@link #TAP_DEPTH} outside one); what
     * late packets added above the old floor is kept above the new one.
     */
    void floor(int depth) {
        int raised = Math.max(0, target - floor);
        floor = depth;
        target = Math.min(MAX_DEPTH - 1, depth + raised);
    }

    /** Frames held. */
    int depth() {
        return count;
    }

    /** Depth at which playout (re)starts. */
    int targetDepth() {
        return target;
    }

    long latePackets() {
        return late;
    }

    long duplicatePackets() {
        return duplicates;
    }

    /** Frames dropped to keep the depth bounded, by overfill or latency trimming. */
    long droppedFrames() {
        return overflows;
    }

    private boolean conceal(int[] out) {
        lossRun++;
        if (lossRun == 1) {
            for (int i = 0; i < FRAME; i++) {
                out[i] = last[i] >> 1;
            }
            return true;
        }
        if (lossRun == 2) {
            for (int i = 0; i < FRAME; i++) {
                out[i] = (last[i] >> 2) * (FRAME - 1 - i) / (FRAME - 1);
            }
            return true;
        }
        Arrays.fill(out, 0, FRAME, 0);
        return false;
    }

    private void adapt() {
        windowMin = Math.min(windowMin, count);
        if (++windowTicks < WINDOW_TICKS) {
            return;
        }
        if (playing && windowMin > target) {
            dropOldest(); // the buffer stayed deeper than needed for a whole window: shave 20 ms of latency
            overflows++;
        }
        quietWindows = lateInWindow ? 0 : quietWindows + 1;
        if (quietWindows >= QUIET_WINDOWS_TO_LOWER && target > floor) {
            target--;
            quietWindows = 0;
        }
        windowTicks = 0;
        windowMin = Integer.MAX_VALUE;
        lateInWindow = false;
    }

    private void dropOldest() {
        int slot = next & (SLOTS - 1);
        if (filled[slot]) {
            filled[slot] = false;
            count--;
        }
        next = (next + 1) & 0xFFFF;
    }

    private void reset(int seq) {
        Arrays.fill(filled, false);
        count = 0;
        playing = false;
        next = seq;
    }

    private static void decode(ByteBuffer packet, int offset, int length, Codec codec, short[] dst) {
        int n = Math.max(0, Math.min(FRAME, length));
        if (codec == Codec.PCMU) {
            for (int i = 0; i < n; i++) {
                dst[i] = MuLaw.decode(packet.get(offset + i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst[i] = ALaw.decode(packet.get(offset + i));
            }
        }
        Arrays.fill(dst, n, FRAME, (short) 0);
    }
}
