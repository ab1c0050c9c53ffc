package io.switchboard.adapter.console;

import io.switchboard.application.port.out.EventOutbox.Attempt;
import io.switchboard.application.port.out.EventOutbox.State;
import io.switchboard.application.port.out.EventOutbox.Stored;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The console's JSON of calls and their event histories: what a person reads, not ACS's wire shape. */
final class CallViews {

    private CallViews() {
    }

    /** A call as the live list shows it; each participant with its leg's codec where telephony knows it. */
    static JsonObject summary(Call call, Instant now, Function<LegId, Optional<String>> codecs) {
        JsonArray participants = new JsonArray();
        for (Participant p : call.participants()) {
            JsonObject participant = new JsonObject().put("rawId", p.identifier().rawId())
                    .put("state", lower(p.state())).put("muted", p.muted()).put("onHold", p.onHold());
            codecs.apply(p.leg()).ifPresent(codec -> participant.put("codec", codec));
            participants.add(participant);
        }
        JsonObject view = new JsonObject()
                .put("id", call.id().value())
                .put("state", lower(call.state()))
                .put("direction", call.setup().answered() ? "incoming" : "outgoing")
                .put("createdAt", call.createdAt().toString())
                .put("seconds", Math.max(0, Duration.between(call.createdAt(), now).toSeconds()))
                .put("participants", participants)
                .put("media", String.join(", ", media(call)));
        call.setup().source().ifPresent(source -> view.put("source", source.rawId()));
        call.endResult().ifPresent(end -> view.put("result", end.code() + "/" + end.subCode() + " " + end.message()));
        return view;
    }

    /** The media operations running on a call, in words: "playing", "recognizing", "recording", ... */
    static List<String> media(Call call) {
        List<String> running = new ArrayList<>();
        call.media().play().ifPresent(play -> running.add("playing"));
        call.media().recognize().ifPresent(recognize -> running.add("recognizing"));
        call.media().recording().ifPresent(recording -> running.add("recording (" + lower(recording.state()) + ")"));
        call.media().streaming().filter(s -> s.running()).ifPresent(s -> running.add("streaming"));
        call.media().transcription().filter(s -> s.running()).ifPresent(s -> running.add("transcribing"));
        if (!call.media().holdMusic().isEmpty()) {
            running.add("hold music");
        }
        return running;
    }

    /**
     * A call's events as told to its application, oldest first: each with its type, when it was accepted, its
     * delivery state and every attempt (status, detail, duration), and the event as sent.
     */
    static JsonArray events(List<Stored> events) {
        JsonArray list = new JsonArray();
        for (Stored stored : events) {
            JsonArray attempts = new JsonArray();
            for (Attempt attempt : stored.attempts()) {
                JsonObject a = new JsonObject().put("number", attempt.number()).put("at", attempt.at().toString())
                        .put("detail", attempt.detail()).put("ms", attempt.took().toMillis())
                        .put("state", state(attempt.state()));
                attempt.status().ifPresent(status -> a.put("status", status));
                attempt.nextAttempt().ifPresent(next -> a.put("nextAttemptAt", next.toString()));
                attempts.add(a);
            }
            Object body = body(stored.event().body());
            list.add(new JsonObject().put("seq", stored.seq()).put("id", stored.event().eventId())
                    .put("type", type(body)).put("acceptedAt", stored.event().acceptedAt().toString())
                    .put("target", stored.event().target().toString()).put("state", state(stored.state()))
                    .put("attempts", attempts).put("event", body));
        }
        return list;
    }

    private static Object body(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
        } catch (DecodeException e) {
            return text;
        }
    }

    /** The event's type: a CloudEvent's {@code type} without its namespace, or an origin event's {@code eventType}. */
    private static String type(Object body) {
        JsonObject event = body instanceof JsonArray array && !array.isEmpty() && array.getValue(0) instanceof
                JsonObject first ? first : body instanceof JsonObject object ? object : new JsonObject();
        String type = event.getString("type", event.getString("eventType", "event"));
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** As the event history of the API says it. */
    private static String state(State state) {
        return switch (state) {
            case PENDING -> "pending";
            case DELIVERED -> "delivered";
            case GIVEN_UP -> "givenUp";
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
