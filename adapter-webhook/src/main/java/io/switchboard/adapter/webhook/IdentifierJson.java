package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

/** The identifier JSON both schemas share: always {@code rawId} and {@code kind}, plus the kind's nested object. */
final class IdentifierJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IdentifierJson() {
    }

    static ObjectNode of(CommunicationIdentifier identifier) {
        ObjectNode node = JSON.objectNode().put("rawId", identifier.rawId());
        if (identifier instanceof PhoneNumberIdentifier phone) {
            node.put("kind", "phoneNumber").putObject("phoneNumber").put("value", phone.value());
        } else if (identifier instanceof CommunicationUserIdentifier user) {
            node.put("kind", "communicationUser").putObject("communicationUser").put("id", user.id());
        } else {
            node.put("kind", "unknown");
        }
        return node;
    }
}
