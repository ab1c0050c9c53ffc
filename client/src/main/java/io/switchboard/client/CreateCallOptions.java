package io.switchboard.client;

import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a new call (the origin SDK's {@code CreateCallOptions}).
 *
 * @param callbackUri         where the call's events go (absolute http or https)
 * @param alternateCallerId   the number phone-number targets see as the caller
 * @param requestedCallEvents the optional events wanted besides the call's state changes and operation results
 * @param ringTimeout         how long targets may ring, in whole seconds from 1 to 600; sent as Switchboard's
 *                            extension field {@code ringTimeoutInSeconds} (other servers ignore it)
 */
public record CreateCallOptions(URI callbackUri, Optional<PhoneNumberIdentifier> alternateCallerId,
                                Set<RequestedCallEvent> requestedCallEvents, Optional<String> subject,
                                Optional<Duration> ringTimeout) {

    public CreateCallOptions {
        Objects.requireNonNull(callbackUri, "callbackUri");
        String scheme = callbackUri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || callbackUri.getHost() == null) {
            throw new IllegalArgumentException("callbackUri: " + callbackUri
                    + " (expected: an absolute http or https URI)");
        }
        Objects.requireNonNull(alternateCallerId, "alternateCallerId");
        requestedCallEvents = Set.copyOf(requestedCallEvents);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        ringTimeout.ifPresent(timeout -> {
            if (timeout.toMillis() % 1000 != 0 || timeout.toSeconds() < 1 || timeout.toSeconds() > 600) {
                throw new IllegalArgumentException("ringTimeout: " + timeout + " (expected: 1 to 600 whole seconds)");
            }
        });
    }

    /** Events to {@code callbackUri}, nothing optional requested, no caller id, subject or ring timeout. */
    public static CreateCallOptions of(URI callbackUri) {
        return new CreateCallOptions(callbackUri, Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    public CreateCallOptions withAlternateCallerId(PhoneNumberIdentifier value) {
        return new CreateCallOptions(callbackUri, Optional.of(value), requestedCallEvents, subject, ringTimeout);
    }

    public CreateCallOptions withRequestedCallEvents(RequestedCallEvent first, RequestedCallEvent... more) {
        return new CreateCallOptions(callbackUri, alternateCallerId, EnumSet.of(first, more), subject, ringTimeout);
    }

    public CreateCallOptions withSubject(String value) {
        return new CreateCallOptions(callbackUri, alternateCallerId, requestedCallEvents, Optional.of(value),
                ringTimeout);
    }

    public CreateCallOptions withRingTimeout(Duration value) {
        return new CreateCallOptions(callbackUri, alternateCallerId, requestedCallEvents, subject,
                Optional.of(value));
    }
}
