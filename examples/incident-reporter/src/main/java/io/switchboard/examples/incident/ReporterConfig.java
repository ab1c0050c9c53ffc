package io.switchboard.examples.incident;

import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to do: whom to call with which message, where to listen for callbacks, how patient to be. Read from the
 * command line (see {@link #USAGE}); a bad value throws {@link IllegalArgumentException} naming the option.
 *
 * @param message   the prompt's URL; empty: the reporter serves a generated prompt itself
 * @param publicUrl the reporter's base URL as the server reaches it; empty: {@code http://<listen host>:<port>}
 */
record ReporterConfig(String connectionString, List<Contact> contacts, Optional<URI> message,
                      CommunicationIdentifier source, Optional<PhoneNumberIdentifier> callerId, String listenHost,
                      int listenPort, Optional<URI> publicUrl, int concurrency, Duration ringTimeout,
                      Duration ackWait, Duration retryDelay, Duration attemptTimeout, Path reportFile) {

    static final String USAGE = """
            usage: incident-reporter [options] [--contacts FILE] [--call NUMBER_OR_USER ...]
              --connection-string S   endpoint=http://host:port/;accesskey=KEY (or env SWITCHBOARD_CONNECTION_STRING)
              --contacts FILE         JSON: {"message": URL?, "contacts": ["+1...",
                                      {"name": "...", "phoneNumber": "+1..."}, {"user": "8:acs:..."}]}
                                      or just the array
              --call X                a contact (repeatable)
              --message URL           the prompt to play (default: a generated prompt served by the reporter)
              --caller-id NUMBER      the number callees see
              --listen HOST:PORT      where callbacks arrive (default 127.0.0.1:0, a free port)
              --public-url URL        the reporter's URL as the server reaches it (default http://HOST:PORT)
              --concurrency N         calls at once (default 4)
              --ring-timeout S        seconds a contact may ring (default 30)
              --ack-wait S            seconds to wait for key 1 after the message (default 5)
              --retry-delay S         seconds before calling busy or unanswered contacts again, once (default 30)
              --report FILE           where to write the JSON report (default incident-report.json)
            """;

    ReporterConfig {
        contacts = List.copyOf(contacts);
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("contacts: none (expected: --contacts FILE or --call NUMBER)");
        }
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException("--connection-string: missing (or set SWITCHBOARD_CONNECTION_STRING)");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency: " + concurrency + " (expected: at least 1)");
        }
    }

    static ReporterConfig parse(List<String> args, Map<String, String> env) {
        Map<String, List<String>> options = Options.parse(args);
        List<Contact> contacts = new ArrayList<>();
        Optional<URI> message = Options.last(options, "message").map(URI::create);
        for (String file : options.getOrDefault("contacts", List.of())) {
            ContactFile read = ContactFile.read(Path.of(file));
            contacts.addAll(read.contacts());
            message = message.or(read::message);
        }
        options.getOrDefault("call", List.of()).forEach(text -> contacts.add(Contact.parse(text)));
        String[] listen = Options.last(options, "listen").orElse("127.0.0.1:0").split(":(?=[0-9]+$)");
        return new ReporterConfig(
                Options.last(options, "connection-string").orElse(env.get("SWITCHBOARD_CONNECTION_STRING")),
                contacts, message,
                new CommunicationUserIdentifier(Options.last(options, "source").orElse("8:acs:incident_reporter")),
                Options.last(options, "caller-id").map(PhoneNumberIdentifier::new),
                listen[0], listen.length > 1 ? Options.integer("listen", listen[1]) : 0,
                Options.last(options, "public-url").map(URI::create),
                Options.last(options, "concurrency").map(v -> Options.integer("concurrency", v)).orElse(4),
                Options.seconds(options, "ring-timeout", 30), Options.seconds(options, "ack-wait", 5),
                Options.seconds(options, "retry-delay", 30), Duration.ofMinutes(3),
                Path.of(Options.last(options, "report").orElse("incident-report.json")));
    }

    /** A contacts file: the contacts and, optionally, the message. */
    record ContactFile(List<Contact> contacts, Optional<URI> message) {

        static ContactFile read(Path file) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("--contacts: cannot read " + file, e);
            }
            String trimmed = text.trim();
            JsonObject root = trimmed.startsWith("[") ? new JsonObject().put("contacts", new JsonArray(trimmed))
                    : new JsonObject(trimmed);
            List<Contact> contacts = new ArrayList<>();
            for (Object entry : root.getJsonArray("contacts", new JsonArray())) {
                contacts.add(entry instanceof JsonObject json ? Contact.parse(json) : Contact.parse(entry.toString()));
            }
            return new ContactFile(contacts, Optional.ofNullable(root.getString("message")).map(URI::create));
        }
    }
}
