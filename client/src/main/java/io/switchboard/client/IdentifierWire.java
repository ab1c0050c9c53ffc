package io.switchboard.client;

import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Communication identifiers on the wire, the same in both API flavours ({@code spec/acs-ga.md} §4): written with
 * {@code rawId}, {@code kind} and the kind's object; read from {@code rawId}, else the kind's object.
 */
final class IdentifierWire {

    private IdentifierWire() {
    }

    /** Every form at once: {@code rawId}, {@code kind} and the kind's object. */
    static JsonObject write(CommunicationIdentifier identifier) {
        JsonObject node = new JsonObject().put("rawId", identifier.rawId());
        if (identifier instanceof PhoneNumberIdentifier phone) {
            node.put("kind", "phoneNumber").put("phoneNumber", new JsonObject().put("value", phone.value()));
        } else if (identifier instanceof CommunicationUserIdentifier user) {
            node.put("kind", "communicationUser").put("communicationUser", new JsonObject().put("id", user.id()));
        } else {
            node.put("kind", "unknown");
        }
        return node;
    }

    static JsonArray writeAll(List<? extends CommunicationIdentifier> identifiers) {
        JsonArray array = new JsonArray();
        identifiers.forEach(identifier -> array.add(write(identifier)));
        return array;
    }

    /** @throws IllegalArgumentException naming {@code field} when the node holds no identifier */
    static CommunicationIdentifier read(JsonObject node, String field) {
        if (node == null) {
            throw new IllegalArgumentException(field + ": missing (expected: an identifier)");
        }
        if (node.getString("rawId") != null) {
            return CommunicationIdentifier.parseRawId(node.getString("rawId"));
        }
        JsonObject phone = node.getJsonObject("phoneNumber");
        if (phone != null) {
            return new PhoneNumberIdentifier(phone.getString("value"));
        }
        JsonObject user = node.getJsonObject("communicationUser");
        if (user != null) {
            return new CommunicationUserIdentifier(user.getString("id"));
        }
        throw new IllegalArgumentException(field + ": " + node
                + " (expected: rawId, phoneNumber or communicationUser)");
    }
}
