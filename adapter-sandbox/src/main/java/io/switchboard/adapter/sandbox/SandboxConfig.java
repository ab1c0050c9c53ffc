package io.switchboard.adapter.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the sandbox phones react.
 *
 * @param answerDelay     how long answering phones ring before they pick up
 * @param selfHangUpAfter how long {@code +15550100003} stays on the line after answering before it hangs up
 * @param pressDelay      how long {@code +15550100002} waits after hearing a playback end before it presses 1
 * @param rejectDelay     how long rejecting numbers (busy, unavailable, not found) take to reject the call
 */
public record SandboxConfig(Duration answerDelay, Duration selfHangUpAfter, Duration pressDelay,
                            Duration rejectDelay) {

    /** Human-scale timings: 1 s to answer, 5 s to self hang-up, 500 ms to press, 200 ms to reject. */
    public static final SandboxConfig DEFAULTS = new SandboxConfig(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofMillis(500), Duration.ofMillis(200));

    /** @throws IllegalArgumentException if a delay is negative */
    public SandboxConfig {
        requireNonNegative("answerDelay", answerDelay);
        requireNonNegative("selfHangUpAfter", selfHangUpAfter);
        requireNonNegative("pressDelay", pressDelay);
        requireNonNegative("rejectDelay", rejectDelay);
    }

    private static void requireNonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: zero or more, e.g. PT1S)");
        }
    }
}
