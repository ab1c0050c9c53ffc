package io.switchboard.examples.incident;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Who was reached: one result per contact, in the order of the contact list. */
record Report(Instant finishedAt, List<ContactResult> results) {

    Report {
        results = List.copyOf(results);
    }

    Optional<ContactResult> of(String address) {
        return results.stream().filter(r -> r.contact().address().equals(address)).findFirst();
    }

    /** The report for people: one line per outcome, naming its contacts. */
    String text() {
        StringBuilder out = new StringBuilder("Incident report: " + results.size() + " contact(s), " + finishedAt
                + "\n");
        for (Outcome outcome : Outcome.values()) {
            List<ContactResult> group = results.stream().filter(r -> r.outcome() == outcome).toList();
            out.append(String.format("  %-24s %d  %s%n", outcome.label() + ":", group.size(), group.stream()
                    .map(r -> r.contact() + (r.attempts() > 1 ? " (" + r.attempts() + " attempts)" : ""))
                    .collect(Collectors.joining(", "))));
        }
        return out.toString();
    }

    JsonObject toJson() {
        JsonObject summary = new JsonObject();
        for (Outcome outcome : Outcome.values()) {
            summary.put(outcome.name().toLowerCase(), results.stream().filter(r -> r.outcome() == outcome).count());
        }
        JsonArray contacts = new JsonArray();
        results.forEach(r -> contacts.add(r.toJson()));
        return new JsonObject().put("finishedAt", finishedAt.toString()).put("summary", summary)
                .put("contacts", contacts);
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson().encodePrettily() + "\n");
    }
}
