package io.switchboard.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-wide call settings.
 *
 * @param ringTimeout how long a leg rings before the attempt ends as unanswered, unless a request says otherwise
 */
public record CallSettings(Duration ringTimeout) {

    public static final CallSettings DEFAULTS = new CallSettings(Duration.ofSeconds(30));

    public CallSettings {
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ringTimeout: " + ringTimeout + " (expected: a positive duration)");
        }
    }
}
