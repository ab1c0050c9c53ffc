package io.switchboard.client;

import io.switchboard.domain.event.CallEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link CallbackHandler}: body, signature, shape, then each CloudEvent de-duplicated, decoded and handed to the
 * listener. Every outcome is answered here; nothing is passed to the router's failure handler.
 */
final class SignedCallbackHandler implements CallbackHandler {

    private static final System.Logger LOG = System.getLogger(CallbackHandler.class.getName());
    /** Only without a BodyHandler in front: a callback is one small event, 1 MiB is far beyond any. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final SignatureCheck signatures;
    private final CallbackDecoder decoder;
    private final RecentIds accepted;
    private final CallbackListener listener;

    SignedCallbackHandler(SignatureCheck signatures, CallbackDecoder decoder, RecentIds accepted,
                          CallbackListener listener) {
        this.signatures = signatures;
        this.decoder = decoder;
        this.accepted = accepted;
        this.listener = listener;
    }

    @Override
    public void handle(RoutingContext rc) {
        if (rc.body().available()) {
            Buffer body = rc.body().buffer();
            handle(rc, body == null ? new byte[0] : body.getBytes());
            return;
        }
        HttpServerRequest request = rc.request();
        String length = request.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > MAX_BODY_BYTES) {
            answer(rc, 413, "body: " + length + " bytes (expected: at most " + MAX_BODY_BYTES + ")");
            return;
        }
        request.body()
                .onSuccess(body -> {
                    if (body.length() > MAX_BODY_BYTES) {
                        answer(rc, 413, "body: " + body.length() + " bytes (expected: at most " + MAX_BODY_BYTES + ")");
                    } else {
                        handle(rc, body.getBytes());
                    }
                })
                .onFailure(e -> answer(rc, 400, "body: " + e.getMessage()));
    }

    private void handle(RoutingContext rc, byte[] body) {
        HttpServerRequest request = rc.request();
        Optional<String> refusal = signatures.refusal(request.getHeader(SignatureCheck.EVENT_ID),
                request.getHeader(SignatureCheck.TIMESTAMP), request.getHeader(SignatureCheck.SIGNATURE), body);
        if (refusal.isPresent()) {
            LOG.log(Level.WARNING, () -> "callback refused: " + refusal.get() + " (" + request.remoteAddress() + ")");
            answer(rc, 401, refusal.get());
            return;
        }
        List<JsonObject> cloudEvents;
        try {
            cloudEvents = cloudEvents(body);
        } catch (IllegalArgumentException e) {
            answer(rc, 400, e.getMessage());
            return;
        }
        String headerId = request.getHeader(SignatureCheck.EVENT_ID);
        for (JsonObject cloudEvent : cloudEvents) {
            String id = cloudEvent.getValue("id") instanceof String text && !text.isBlank() ? text : headerId;
            if (!accepted.add(id)) {
                continue; // a redelivery of an event the listener already accepted
            }
            try {
                dispatch(cloudEvent);
            } catch (RuntimeException e) {
                accepted.remove(id);
                LOG.log(Level.ERROR, "callback listener refused event " + id + "; answering 500 so it is retried", e);
                answer(rc, 500, "listener failed");
                return;
            }
        }
        rc.response().setStatusCode(200).end();
    }

    private void dispatch(JsonObject cloudEvent) {
        // an Event Grid event (IncomingCall) names its type in eventType
        Object named = cloudEvent.containsKey("type") ? cloudEvent.getValue("type") : cloudEvent.getValue("eventType");
        String type = named instanceof String text ? text : "";
        Optional<List<CallEvent>> events;
        try {
            events = decoder.decode(type, cloudEvent);
        } catch (IllegalArgumentException | ClassCastException e) {
            LOG.log(Level.WARNING, () -> "callback " + cloudEvent.getValue("id") + " of type " + type
                    + " not decoded: " + e.getMessage());
            events = Optional.empty();
        }
        if (events.isEmpty()) {
            listener.onUnknown(type, cloudEvent);
            return;
        }
        events.get().forEach(listener::onEvent);
    }

    /** The origin schema's bare CloudEvent or GA's array of them. */
    private static List<JsonObject> cloudEvents(byte[] body) {
        Object json;
        try {
            json = Json.decodeValue(Buffer.buffer(body));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("body: not JSON (expected: a CloudEvent or an array of CloudEvents)");
        }
        List<JsonObject> events = new ArrayList<>();
        if (json instanceof JsonObject object) {
            events.add(object);
        } else if (json instanceof JsonArray array) {
            for (Object element : array) {
                if (!(element instanceof JsonObject object)) {
                    throw new IllegalArgumentException("body: an array element is not an object"
                            + " (expected: CloudEvents)");
                }
                events.add(object);
            }
        } else {
            throw new IllegalArgumentException("body: " + (json == null ? "null" : json.getClass().getSimpleName())
                    + " (expected: a CloudEvent or an array of CloudEvents)");
        }
        return events;
    }

    private static void answer(RoutingContext rc, int status, String message) {
        if (!rc.response().ended()) {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", status).put("message", message).encode());
        }
    }
}
