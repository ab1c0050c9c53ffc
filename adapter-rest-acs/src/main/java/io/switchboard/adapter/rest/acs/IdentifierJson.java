package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.util.Optional;

/**
 * Communication identifiers on the wire, shared by both flavours. Read tolerantly ({@code communicationUser.id},
 * {@code phoneNumber.value}, or a bare {@code rawId}; {@code kind} optional, as media operations omit it); written
 * always with {@code rawId} and {@code kind}.
 */
final class IdentifierJson {

    private static final String EXPECTED = " (expected: an identifier, e.g. "
            + "{\"phoneNumber\":{\"value\":\"+14255550123\"}} or {\"communicationUser\":{\"id\":\"8:acs:...\"}})";

    private IdentifierJson() {
    }

    static CommunicationIdentifier read(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": " + node + EXPECTED);
        }
        Optional<JsonNode> user = JsonRequest.field(node, "communicationUser");
        if (user.isPresent()) {
            String p = path + ".communicationUser";
            String id = JsonRequest.text(requireObject(user.get(), p), "id", p);
            return JsonRequest.at(p + ".id", () -> new CommunicationUserIdentifier(id));
        }
        Optional<JsonNode> phone = JsonRequest.field(node, "phoneNumber");
        if (phone.isPresent()) {
            String p = path + ".phoneNumber";
            String value = JsonRequest.text(requireObject(phone.get(), p), "value", p);
            return JsonRequest.at(p + ".value", () -> new PhoneNumberIdentifier(value));
        }
        Optional<String> rawId = JsonRequest.optionalText(node, "rawId", path);
        if (rawId.isPresent()) {
            return JsonRequest.at(path + ".rawId", () -> CommunicationIdentifier.parseRawId(rawId.get()));
        }
        throw new IllegalArgumentException(path + ": " + node + EXPECTED);
    }

    /** An identifier that must be a phone number, e.g. a caller id. */
    static PhoneNumberIdentifier readPhoneNumber(JsonNode node, String path) {
        CommunicationIdentifier identifier = read(node, path);
        if (identifier instanceof PhoneNumberIdentifier phone) {
            return phone;
        }
        throw new IllegalArgumentException(path + ": " + identifier.rawId()
                + " (expected: a phone number, e.g. {\"phoneNumber\":{\"value\":\"+18005550100\"}})");
    }

    static ObjectNode write(CommunicationIdentifier identifier) {
        ObjectNode node = JsonRequest.MAPPER.createObjectNode().put("rawId", identifier.rawId());
        if (identifier instanceof PhoneNumberIdentifier phone) {
            node.put("kind", "phoneNumber").putObject("phoneNumber").put("value", phone.value());
        } else if (identifier instanceof CommunicationUserIdentifier user) {
            node.put("kind", "communicationUser").putObject("communicationUser").put("id", user.id());
        } else {
            node.put("kind", "unknown");
        }
        return node;
    }

    private static JsonNode requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": " + node + " (expected: an object)");
        }
        return node;
    }
}
