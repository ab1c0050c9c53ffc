package io.switchboard.examples.incident;

import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.Optional;

/** Someone to call: a phone number or a communication user, with an optional name for the report. */
record Contact(Optional<String> name, CommunicationIdentifier identifier) {

    Contact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** {@code +15550100001} or {@code 8:acs:...}. */
    static Contact parse(String text) {
        return new Contact(Optional.empty(), identifier(text.trim()));
    }

    /** {@code {"name": "...", "phoneNumber": "+1..."}} or {@code {"name": "...", "user": "8:acs:..."}}. */
    static Contact parse(JsonObject json) {
        String target = json.getString("phoneNumber", json.getString("user"));
        if (target == null) {
            throw new IllegalArgumentException("contact: " + json + " (expected: phoneNumber or user)");
        }
        return new Contact(Optional.ofNullable(json.getString("name")), identifier(target.trim()));
    }

    private static CommunicationIdentifier identifier(String text) {
        return text.startsWith("8:") ? new CommunicationUserIdentifier(text) : new PhoneNumberIdentifier(text);
    }

    /** The number or user id, as the report shows it. */
    String address() {
        return identifier instanceof PhoneNumberIdentifier phone ? phone.value() : identifier.rawId();
    }

    @Override
    public String toString() {
        return name.map(n -> n + " (" + address() + ")").orElse(address());
    }
}
