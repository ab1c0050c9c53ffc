package io.switchboard.domain.participant;

/**
 * Who takes part in a call, in ACS's vocabulary: a phone number (PSTN), a communication user (VoIP identity),
 * or an identifier of a kind this server does not model (kept as its raw id).
 *
 * <p>Every identifier has a {@link #rawId()}: {@code 4:+14255550123} for phone numbers, the user id itself
 * ({@code 8:acs:...}) for communication users.
 */
public sealed interface CommunicationIdentifier
        permits PhoneNumberIdentifier, CommunicationUserIdentifier, UnknownIdentifier {

    /** The raw id, unique per identifier and stable across API versions. */
    String rawId();

    /**
     * Parses a raw id: {@code 4:+1425...} or {@code 4:1425...} is a phone number, {@code 8:...} a communication
     * user, anything else an unknown identifier.
     *
     * @throws IllegalArgumentException if the raw id is blank or a malformed phone number
     */
    static CommunicationIdentifier parseRawId(String rawId) {
        if (rawId == null || rawId.isBlank()) {
            throw new IllegalArgumentException("rawId: " + rawId + " (expected: e.g. 4:+14255550123 or 8:acs:...)");
        }
        if (rawId.startsWith("4:")) {
            String number = rawId.substring(2);
            return new PhoneNumberIdentifier(number.startsWith("+") ? number : "+" + number);
        }
        if (rawId.startsWith("8:")) {
            return new CommunicationUserIdentifier(rawId);
        }
        return new UnknownIdentifier(rawId);
    }
}
