package io.switchboard.application.port.in;

import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Create a call to one or more targets.
 *
 * @param ringTimeout how long each target may ring before the attempt ends as unanswered; the server's setting
 *                    when absent
 */
public record CreateCallCommand(List<CommunicationIdentifier> targets, CallSetup setup, Optional<Duration> ringTimeout) {

    public CreateCallCommand {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: " + targets + " (expected: at least one identifier)");
        }
        targets = List.copyOf(targets);
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        ringTimeout.ifPresent(CreateCallCommand::requirePositive);
    }

    static void requirePositive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ringTimeout: " + timeout + " (expected: a positive duration)");
        }
    }
}
