package io.switchboard.rtp;

import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtmfSenderTest {

    /** What one tick carries: an event packet or audio. */
    private record Tick(boolean event, boolean marker, int timestamp, int code, boolean end, int duration) {
        static Tick audio() {
            return new Tick(false, false, 0, 0, false, 0);
        }
    }

    private final DtmfSender sender = new DtmfSender();

    private List<Tick> run(int ticks, AtomicInteger doneAtTick) {
        List<Tick> out = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            int clock = 1000 + t * 160;
            if (sender.next(clock)) {
                out.add(new Tick(true, sender.marker(), sender.timestamp(), sender.event(), sender.end(),
                        sender.duration()));
                sender.sent();
            } else {
                out.add(Tick.audio());
            }
            Runnable done = sender.completed();
            if (done != null) {
                done.run();
                doneAtTick.compareAndSet(-1, t);
            }
        }
        return out;
    }

    @Test
    void sendsUpdatesThenTheEndPacketThreeTimesThenAGap() {
        AtomicInteger doneAt = new AtomicInteger(-1);
        sender.add(List.of(Tone.SEVEN, Tone.POUND), () -> { });

        List<Tick> ticks = run(22, doneAt);

        assertThat(ticks.subList(0, 8)).containsExactly(
                new Tick(true, true, 1000, 7, false, 160),
                new Tick(true, false, 1000, 7, false, 320),
                new Tick(true, false, 1000, 7, false, 480),
                new Tick(true, false, 1000, 7, false, 640),
                new Tick(true, false, 1000, 7, false, 800),
                new Tick(true, false, 1000, 7, true, 800),
                new Tick(true, false, 1000, 7, true, 800),
                new Tick(true, false, 1000, 7, true, 800));
        assertThat(ticks.subList(8, 11)).containsOnly(Tick.audio());
        int second = 1000 + 11 * 160;
        assertThat(ticks.get(11)).isEqualTo(new Tick(true, true, second, 11, false, 160));
        assertThat(ticks.get(18)).isEqualTo(new Tick(true, false, second, 11, true, 800));
        assertThat(ticks.subList(19, 22)).containsOnly(Tick.audio());
        assertThat(doneAt).hasValue(18);
    }

    @Test
    void isIdleOnlyWhenNothingIsQueuedSentOrWaitedFor() {
        assertThat(sender.idle()).isTrue();
        sender.add(List.of(Tone.SEVEN), () -> { });
        assertThat(sender.idle()).isFalse();

        run(8, new AtomicInteger(-1)); // the tone's eight packets
        assertThat(sender.idle()).as("in the gap after it").isFalse();
        run(DtmfSender.GAP_PACKETS, new AtomicInteger(-1));

        assertThat(sender.idle()).isTrue();
    }

    @Test
    void queuesRequestsInOrderAndRunsEachDoneOnce() {
        AtomicInteger doneAt = new AtomicInteger(-1);
        List<String> done = new ArrayList<>();
        sender.add(List.of(Tone.ONE), () -> done.add("first"));
        sender.add(List.of(Tone.TWO), () -> done.add("second"));

        List<Tick> ticks = run(30, doneAt);

        assertThat(done).containsExactly("first", "second");
        assertThat(ticks.get(11).code()).isEqualTo(2);
        assertThat(ticks.stream().filter(Tick::event).count()).isEqualTo(16);
    }

    @Test
    void rejectsAnEmptyToneList() {
        assertThatThrownBy(() -> sender.add(List.of(), () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tones");
    }
}
