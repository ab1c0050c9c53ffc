package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JitterBufferTest {

    private final JitterBuffer buffer = new JitterBuffer();
    private final int[] out = new int[160];

    /** Offers a PCMU packet whose 160 samples all encode {@code level}. */
    private void offer(int sequence, int level) {
        ByteBuffer packet = ByteBuffer.allocate(172);
        for (int i = 0; i < 160; i++) {
            packet.put(12 + i, MuLaw.encode((short) level));
        }
        buffer.offer(sequence, packet, 12, 160, Codec.PCMU);
    }

    private static int decoded(int level) {
        return MuLaw.decode(MuLaw.encode((short) level));
    }

    /** The first sample of each of the next {@code ticks} polls. */
    private List<Integer> poll(int ticks) {
        List<Integer> firstSamples = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            buffer.poll(out);
            firstSamples.add(out[0]);
        }
        return firstSamples;
    }

    @Test
    void waitsForTheStartDepthThenPlaysInSequenceOrder() {
        // given: 10, 12, 11, 13 arrive out of order
        offer(10, 1000);

        // when
        List<Integer> beforeStart = poll(1);
        offer(12, 3000);
        offer(11, 2000);
        offer(13, 4000);
        List<Integer> played = poll(3);

        // then
        assertThat(beforeStart).containsExactly(0);
        assertThat(played).containsExactly(decoded(1000), decoded(2000), decoded(3000));
        assertThat(buffer.depth()).isEqualTo(1);
    }

    @Test
    void aLegHeardByItsTapsOnlyPlaysEachFrameAtTheFirstTickAfterItArrivedAndAMixWaitsForTwo() {
        // given: a leg in no conference (a recording, a recognition, a media stream listen to it)
        buffer.floor(JitterBuffer.TAP_DEPTH);

        // when: one frame arrives per tick
        offer(10, 1000);
        List<Integer> first = poll(1);
        offer(11, 2000);
        List<Integer> second = poll(1);

        // then: no frame waits for another
        assertThat(first).containsExactly(decoded(1000));
        assertThat(second).containsExactly(decoded(2000));
        assertThat(buffer.targetDepth()).isEqualTo(1);

        // when: it joins a conference
        buffer.floor(JitterBuffer.START_DEPTH);

        // then
        assertThat(buffer.targetDepth()).isEqualTo(JitterBuffer.START_DEPTH);
    }

    @Test
    void concealsALostFrameByRepeatingTheLastAttenuatedThenFadesToSilence() {
        // given
        offer(100, 8000);
        offer(101, 8000);
        poll(2);

        // when: 102 and later never arrive
        boolean firstAudible = buffer.poll(out);
        int[] first = out.clone();
        boolean secondAudible = buffer.poll(out);
        int[] second = out.clone();
        boolean thirdAudible = buffer.poll(out);

        // then
        int last = decoded(8000);
        assertThat(firstAudible).isTrue();
        assertThat(first).containsOnly(last / 2);
        assertThat(secondAudible).isTrue();
        assertThat(second[0]).isEqualTo(last / 4);
        assertThat(second[159]).isZero();
        for (int i = 1; i < 160; i++) {
            assertThat(Math.abs(second[i])).isLessThanOrEqualTo(Math.abs(second[i - 1]));
        }
        assertThat(thirdAudible).isFalse();
        assertThat(out).containsOnly(0);
    }

    @Test
    void concealsAHoleAndDropsItsPacketIfItArrivesAfterItsTurn() {
        // given: 1, 2, (3 missing), 4, 5
        offer(1, 1000);
        offer(2, 2000);
        offer(4, 4000);
        offer(5, 5000);

        // when
        List<Integer> played = poll(3);
        offer(3, 3000); // too late: its turn is over
        played.addAll(poll(2));

        // then
        assertThat(played).containsExactly(decoded(1000), decoded(2000), decoded(2000) / 2, decoded(4000),
                decoded(5000));
        assertThat(buffer.latePackets()).isEqualTo(1);
    }

    @Test
    void dropsDuplicatePackets() {
        // given
        offer(7, 1000);
        offer(7, 9000);
        offer(8, 2000);
        offer(8, 2000);

        // when
        List<Integer> played = poll(3);

        // then
        assertThat(buffer.duplicatePackets()).isEqualTo(2);
        assertThat(played.subList(0, 2)).containsExactly(decoded(1000), decoded(2000));
        assertThat(played.get(2)).isEqualTo(decoded(2000) / 2);
    }

    @Test
    void neverHoldsMoreThanItsMaximumDepthAndKeepsTheNewestFrames() {
        // given: a burst of 20 frames with no playout in between
        for (int seq = 0; seq < 20; seq++) {
            offer(seq, 100 * (seq + 1));
        }

        // when
        int depth = buffer.depth();
        List<Integer> played = poll(JitterBuffer.MAX_DEPTH);

        // then
        assertThat(depth).isEqualTo(JitterBuffer.MAX_DEPTH);
        assertThat(buffer.droppedFrames()).isEqualTo(20 - JitterBuffer.MAX_DEPTH);
        assertThat(played).containsExactly(decoded(1600), decoded(1700), decoded(1800), decoded(1900),
                decoded(2000));
    }

    @Test
    void startsAfreshWhenTheSequenceJumpsAndAcrossTheWrapAround() {
        // given
        offer(65534, 1000);
        offer(65535, 2000);
        offer(0, 3000);
        List<Integer> played = poll(3);

        // when: the sender restarts with another sequence space
        offer(30000, 7000);
        offer(30001, 8000);
        played.addAll(poll(2));

        // then
        assertThat(played).containsExactly(decoded(1000), decoded(2000), decoded(3000), decoded(7000),
                decoded(8000));
    }

    @Test
    void raisesItsStartDepthAfterALatePacketAndTrimsLatencyWhenDeeperThanNeeded() {
        // given: playing 1, 2, (3 missing), 4; 3 arrives after its turn
        offer(1, 1000);
        offer(2, 1000);
        offer(4, 1000);
        poll(3);
        offer(3, 1000);

        // then
        assertThat(buffer.targetDepth()).isEqualTo(JitterBuffer.START_DEPTH + 1);

        // given: a steady stream that keeps one frame more than the target for a whole window
        poll(2); // 4, then an underrun: rebuffer
        int seq = 10;
        for (int i = 0; i < 4; i++) {
            offer(seq++, 1000);
        }
        int depthBefore = buffer.depth();
        for (int tick = 0; tick < 2 * JitterBuffer.WINDOW_TICKS; tick++) {
            buffer.poll(out);
            offer(seq++, 1000);
        }

        // then
        assertThat(depthBefore).isEqualTo(4);
        assertThat(buffer.depth()).isLessThan(depthBefore).isGreaterThanOrEqualTo(buffer.targetDepth());
    }
}
