package io.switchboard.adapter.webhook;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounded polling from the test thread (never an event loop). */
final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    private Eventually() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        Awaitility.await(what).atMost(LIMIT).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(condition.getAsBoolean()).as("%s; state: %s", what, state.get())
                        .isTrue());
    }
}
