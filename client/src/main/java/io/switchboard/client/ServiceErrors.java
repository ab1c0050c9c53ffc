package io.switchboard.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeoutException;

/** Failures as {@link CallAutomationClientException}s: error bodies of both API flavours, and transport failures. */
final class ServiceErrors {

    private static final int MAX_TEXT = 200;

    private ServiceErrors() {
    }

    /** From an error response: origin {@code {"code","message"}}, GA {@code {"error":{"code","message"}}}, or text. */
    static CallAutomationClientException fromResponse(int status, Buffer body) {
        Object json;
        try {
            json = body == null || body.length() == 0 ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            json = null;
        }
        if (json instanceof JsonObject object) {
            JsonObject error = object.getValue("error") instanceof JsonObject nested ? nested : object;
            Object code = error.getValue("code");
            Object message = error.getValue("message");
            if (code != null || message != null) {
                return new CallAutomationClientException(status, code == null ? String.valueOf(status)
                        : String.valueOf(code), message == null ? "" : String.valueOf(message));
            }
        }
        String text = body == null ? "" : body.toString();
        return new CallAutomationClientException(status, String.valueOf(status),
                text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text);
    }

    /** From a request that got no response. */
    static CallAutomationClientException fromTransport(Throwable failure, long timeoutMillis) {
        if (failure instanceof CallAutomationClientException known) {
            return known;
        }
        if (failure instanceof TimeoutException) {
            return new CallAutomationClientException(0, CallAutomationClientException.TIMEOUT,
                    "no response within " + timeoutMillis + " ms", failure);
        }
        return new CallAutomationClientException(0, CallAutomationClientException.CONNECTION_FAILED,
                String.valueOf(failure.getMessage()), failure);
    }

    /** From a success response whose body is not what the API promises. */
    static CallAutomationClientException invalidResponse(int status, String what) {
        return new CallAutomationClientException(status, CallAutomationClientException.INVALID_RESPONSE, what);
    }
}
