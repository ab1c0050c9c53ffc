package io.switchboard.client;

import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a new call in the GA API ({@code CreateCallRequest}).
 *
 * @param callbackUri          where the call's events go (absolute http or https)
 * @param sourceCallerIdNumber the number phone-number targets see as the caller; required by the service when a
 *                             target is a phone number
 * @param sourceDisplayName    the caller's name targets see, where they can
 * @param operationContext     repeated in the call's events
 */
public record GaCreateCallOptions(URI callbackUri, Optional<PhoneNumberIdentifier> sourceCallerIdNumber,
                                  Optional<String> sourceDisplayName, Optional<String> operationContext) {

    public GaCreateCallOptions {
        GaOperationOptions.requireHttp("callbackUri", callbackUri);
        Objects.requireNonNull(sourceCallerIdNumber, "sourceCallerIdNumber");
        Objects.requireNonNull(sourceDisplayName, "sourceDisplayName");
        Objects.requireNonNull(operationContext, "operationContext");
    }

    /** Events to {@code callbackUri}; no caller id, display name or context. */
    public static GaCreateCallOptions of(URI callbackUri) {
        return new GaCreateCallOptions(callbackUri, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public GaCreateCallOptions withSourceCallerIdNumber(PhoneNumberIdentifier value) {
        return new GaCreateCallOptions(callbackUri, Optional.of(value), sourceDisplayName, operationContext);
    }

    public GaCreateCallOptions withSourceDisplayName(String value) {
        return new GaCreateCallOptions(callbackUri, sourceCallerIdNumber, Optional.of(value), operationContext);
    }

    public GaCreateCallOptions withOperationContext(String value) {
        return new GaCreateCallOptions(callbackUri, sourceCallerIdNumber, sourceDisplayName, Optional.of(value));
    }
}
