package io.switchboard.examples.incident;

import io.vertx.core.json.JsonObject;

/**
 * The final outcome for one contact.
 *
 * @param attempts how many calls were made (2 when the first was busy or unanswered)
 * @param detail   the last call's result, e.g. {@code 486/8539 Callee is busy.}
 */
record ContactResult(Contact contact, Outcome outcome, int attempts, String detail) {

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("contact", contact.address());
        contact.name().ifPresent(name -> json.put("name", name));
        return json.put("outcome", outcome.name().toLowerCase()).put("attempts", attempts).put("detail", detail);
    }
}
