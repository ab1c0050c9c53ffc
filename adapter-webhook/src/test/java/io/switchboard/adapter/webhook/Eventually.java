package io.switchboard.adapter.webhook;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling from the test thread (never an event loop). */
final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    private Eventually() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<Object> state) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; state: " + state.get());
            }
            Thread.sleep(5);
        }
    }
}
