package io.switchboard.rtp;

import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DtmfReceiverTest {

    private final DtmfReceiver receiver = new DtmfReceiver();
    private final List<Tone> reported = new ArrayList<>();

    private void feed(int ssrc, int timestamp, int event) {
        Tone tone = receiver.onEvent(ssrc, timestamp, event);
        if (tone != null) {
            reported.add(tone);
        }
    }

    @Test
    void reportsOneToneForUpdatesAndTheTripleEndPacket() {
        // given: RFC 4733 §2.5 key press: updates then three end packets, all with the event start as timestamp
        for (int i = 0; i < 7; i++) {
            feed(1, 8000, 5);
        }
        for (int i = 0; i < 3; i++) {
            feed(1, 8000, 5);
        }

        assertThat(reported).containsExactly(Tone.FIVE);
    }

    @Test
    void reportsEachKeyPressEvenWhenTheSameKeyRepeats() {
        feed(1, 8000, 1);
        feed(1, 8000, 1);
        feed(1, 9600, 1);
        feed(1, 9600, 1);
        feed(1, 11200, 11);

        assertThat(reported).containsExactly(Tone.ONE, Tone.ONE, Tone.POUND);
    }

    @Test
    void ignoresLateRetransmissionsOfAnOlderEvent() {
        feed(1, 8000, 1);
        feed(1, 9600, 2);
        feed(1, 8000, 1);

        assertThat(reported).containsExactly(Tone.ONE, Tone.TWO);
    }

    @Test
    void handlesTimestampWrapAroundAndANewSsrc() {
        feed(1, -160, 3);
        feed(1, 1000, 4);
        feed(2, 500, 4);

        assertThat(reported).containsExactly(Tone.THREE, Tone.FOUR, Tone.FOUR);
    }

    @Test
    void ignoresEventsThatAreNotDtmfButStillDeduplicatesThem() {
        feed(1, 8000, 36);
        feed(1, 8000, 36);

        assertThat(reported).isEmpty();
    }
}
