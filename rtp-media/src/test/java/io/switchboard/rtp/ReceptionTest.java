package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReceptionTest {

    private static final long TICK = 20_000_000L;

    private final Reception reception = new Reception();

    @Test
    void countsNothingLostForPacketsInSequence() {
        for (int i = 0; i < 100; i++) {
            reception.packet(1000 + i, 160 * i, i * TICK, true);
        }

        assertThat(reception.received()).isEqualTo(100);
        assertThat(reception.lost()).isZero();
        assertThat(reception.jitterSeconds()).isZero();
    }

    @Test
    void countsTheGapsInTheSequenceAsLost() {
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) { // 10 missing
                reception.packet(i, 160 * i, i * TICK, true);
            }
        }

        assertThat(reception.lost()).isEqualTo(10);
    }

    @Test
    void aLatePacketFillsItsGapAndADuplicateHidesNoLoss() {
        reception.packet(1, 160, TICK, true);
        reception.packet(3, 480, 3 * TICK, true);
        assertThat(reception.lost()).isEqualTo(1);

        reception.packet(2, 320, 4 * TICK, true);
        assertThat(reception.lost()).isZero();

        reception.packet(2, 320, 5 * TICK, true);
        assertThat(reception.lost()).as("a duplicate never counts below zero").isZero();
    }

    @Test
    void followsTheSequenceAcrossItsWrap() {
        for (int i = 0; i < 200; i++) {
            if (i != 150) {
                reception.packet((65_500 + i) & 0xFFFF, 160 * i, i * TICK, true);
            }
        }

        assertThat(reception.lost()).isEqualTo(1);
    }

    @Test
    void aJumpOfTheSequenceStartsAfreshKeepingWhatWasLostBefore() {
        reception.packet(10, 0, 0, true);
        reception.packet(12, 320, 2 * TICK, true); // 11 lost
        for (int i = 0; i < 5; i++) {
            reception.packet(40_000 + i, 900_000 + 160 * i, (3 + i) * TICK, true); // a new source
        }

        assertThat(reception.lost()).isEqualTo(1);
    }

    @Test
    void measuresTheJitterOfArrivalsAgainstTheTimestamps() {
        // every other packet arrives 10 ms late: |D| = 80 units each time, the jitter approaches it
        for (int i = 0; i < 500; i++) {
            long arrival = i * TICK + (i % 2 == 1 ? 10_000_000L : 0);
            reception.packet(i, 160 * i, arrival, true);
        }

        assertThat(reception.jitterSeconds()).isCloseTo(0.010, within(0.0005));
    }

    @Test
    void keyPressesCountInTheSequenceButNotInTheJitter() {
        reception.packet(1, 160, TICK, true);
        reception.packet(2, 160, 2 * TICK, false); // an RFC 4733 event keeps its start's timestamp
        reception.packet(3, 160, 3 * TICK, false);
        reception.packet(4, 640, 4 * TICK, true);

        assertThat(reception.lost()).isZero();
        assertThat(reception.jitterSeconds()).isZero();
    }
}
