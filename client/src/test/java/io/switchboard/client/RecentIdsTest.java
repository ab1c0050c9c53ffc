package io.switchboard.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentIdsTest {

    @Test
    void forgetsTheOldestIdOnceFull() {
        RecentIds ids = new RecentIds(2);

        assertThat(ids.add("a")).isTrue();
        assertThat(ids.add("b")).isTrue();
        assertThat(ids.add("a")).isFalse();
        assertThat(ids.add("c")).isTrue();

        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.add("a")).as("a was the oldest, so forgotten").isTrue();
        assertThat(ids.add("c")).isFalse();
    }
}
