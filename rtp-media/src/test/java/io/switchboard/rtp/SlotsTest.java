package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotsTest {

    @Test
    void spreadsItemsEvenlyAndKeepsEachInItsSlot() {
        // given
        Slots<String> slots = new Slots<>(3);

        // when
        for (int i = 0; i < 7; i++) {
            slots.add("s" + i);
        }
        slots.remove("s1");
        slots.add("s7");

        // then: s7 fills the slot s1 left; everything else stayed where it was put
        assertThat(slots.slot(0)).containsExactly("s0", "s3", "s6");
        assertThat(slots.slot(1)).containsExactly("s4", "s7");
        assertThat(slots.slot(2)).containsExactly("s2", "s5");
        assertThat(slots.size()).isEqualTo(7);
    }
}
